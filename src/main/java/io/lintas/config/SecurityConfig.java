package io.lintas.config;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Who may call what. Webhooks and the lead API ({@code POST /api/leads}) are open at this layer
 * because each sender is verified by its own scheme (token, signature, the tenant's API key) per
 * tenant; the rest of the admin API needs a user from configuration: ADMIN for changes, VIEWER
 * for reading.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    static final String ADMIN = "ADMIN";
    static final String VIEWER = "VIEWER";

    /**
     * Webhooks skip the security filter chain (the firewall still applies): there is no user or
     * session to establish, each sender is verified by its own scheme, and the chain's per-request
     * cost is paid on the hottest path.
     */
    @Bean
    WebSecurityCustomizer webhooksOutsideTheFilterChain() {
        return web -> web.ignoring().requestMatchers("/hooks/**");
    }

    @Bean
    SecurityFilterChain lintasSecurity(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the lead API: each tenant's own key, checked by the intake-api route, opens it
                        .requestMatchers(HttpMethod.POST, "/api/leads").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(challengeOnlyForTheApis()))
                .exceptionHandling(e -> e.authenticationEntryPoint(challengeOnlyForTheApis()))
                .build();
    }

    /**
     * 401 with a Basic challenge for the admin API and the actuator; a bare 404 elsewhere (nothing is
     * served there). A challenge on any path would make a browser open its password dialog for a
     * page's background request, e.g. Hawtio probing /hawtio/jolokia, and hang it.
     */
    private static AuthenticationEntryPoint challengeOnlyForTheApis() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("lintas");
        basic.afterPropertiesSet();
        return (request, response, failure) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
                basic.commence(request, response, failure);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        };
    }

    @Bean
    InMemoryUserDetailsManager lintasUsers(LintasProperties properties) {
        LintasProperties.Admin admin = properties.admin();
        if (admin == null || admin.password() == null || admin.password().isBlank()) {
            throw new IllegalStateException("No admin password: set LINTAS_ADMIN_PASSWORD (lintas.admin.password)."
                    + " The dev profile (used by ./mvnw spring-boot:run) sets a local one.");
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(admin.username()).password(encoder.encode(admin.password())).roles(ADMIN).build());
        if (admin.viewerPassword() != null && !admin.viewerPassword().isBlank()) {
            users.add(User.withUsername(admin.viewerUsername()).password(encoder.encode(admin.viewerPassword()))
                    .roles(VIEWER).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
