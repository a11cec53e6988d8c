package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who gets which Jolokia access, and which Origin/Referer counts as the console's own. */
class ConsoleJolokiaRestrictorTest {

    @Test
    void rolesMapToAccess() {
        assertThat(ConsoleJolokiaRestrictor.access(null)).isEqualTo(ConsoleJolokiaRestrictor.Access.NONE);
        assertThat(ConsoleJolokiaRestrictor.access(user("ROLE_ADMIN"))).isEqualTo(ConsoleJolokiaRestrictor.Access.FULL);
        assertThat(ConsoleJolokiaRestrictor.access(user("ROLE_VIEWER"))).isEqualTo(ConsoleJolokiaRestrictor.Access.READ);
        assertThat(ConsoleJolokiaRestrictor.access(user("ROLE_SOMETHING"))).isEqualTo(ConsoleJolokiaRestrictor.Access.NONE);
        assertThat(ConsoleJolokiaRestrictor.access(UsernamePasswordAuthenticationToken.unauthenticated("admin", "x")))
                .isEqualTo(ConsoleJolokiaRestrictor.Access.NONE);
    }

    @Test
    void onlyTheServersOwnOriginIsSameOrigin() {
        String own = "http://127.0.0.1:8080";
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8080", own)).isTrue();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8080/", own)).isTrue();   // a Referer
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8080/actuator/hawtio/camel", own)).isTrue();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8081", own)).isFalse();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("https://127.0.0.1:8080", own)).isFalse();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8080.evil.example", own)).isFalse();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("null", own)).isFalse();
        assertThat(ConsoleJolokiaRestrictor.sameOrigin("http://127.0.0.1:8080", null)).isFalse();
    }

    private static UsernamePasswordAuthenticationToken user(String authority) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null, List.of(new SimpleGrantedAuthority(authority)));
    }
}
