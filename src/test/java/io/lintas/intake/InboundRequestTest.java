package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundRequestTest {

    @Test
    void queryParametersAreDecodedInOrderWithRepeats() {
        Map<String, List<String>> query = InboundRequest.parseQuery("token=a%2Bb+c&x&tag=1&tag=2&&name=%D0%98%D0%B2%D0%B0%D0%BD");

        assertThat(query).containsExactly(
                Map.entry("token", List.of("a+b c")),
                Map.entry("x", List.of("")),
                Map.entry("tag", List.of("1", "2")),
                Map.entry("name", List.of("Иван")));
    }

    @Test
    void aMalformedEscapeIsKeptAsSentInsteadOfFailing() {
        assertThat(InboundRequest.parseQuery("token=%E0%A4%A")).containsEntry("token", List.of("%E0%A4%A"));
        assertThat(InboundRequest.parseQuery(null)).isEmpty();
    }

    @Test
    void headersAreCaseInsensitiveAndTheMediaTypeHasNoParameters() {
        InboundRequest request = new InboundRequest("http://x/hooks", "Application/JSON; charset=UTF-8",
                Map.of("Typeform-Signature", "sha256=x"), Map.of(), null);

        assertThat(request.header("typeform-signature")).isEqualTo("sha256=x");
        assertThat(request.mediaType()).isEqualTo("application/json");
        assertThat(request.body()).isEmpty();
    }
}
