package io.lintas.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** twilio-java RequestValidatorTest vectors (contracts/intake.md B1, billing-tasks-sms.md 9.3). */
class TwilioSignatureVerifierTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier();

    private static Map<String, List<String>> params(String caller) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Digits", List.of("1234"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("To", List.of("+18005551212"));
        params.put("Caller", List.of(caller));
        params.put("From", List.of(caller));
        return params;
    }

    @Test
    void theSdkVectorIsValid() {
        assertThat(verifier.sign(URL, params("+14158675309"), TOKEN)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(verifier.isValid(URL, params("+14158675309"), new byte[0], "RSOYDt4T1cUTdK1PDd93/VVr8B8=", TOKEN))
                .isTrue();
    }

    @Test
    void theDocsPageVectorIsValid() {
        assertThat(verifier.isValid(URL, params("+12349013030"), new byte[0], "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TOKEN))
                .isTrue();
    }

    @Test
    void theSignatureHoldsWithTheStandardPortAddedOrAnyPortRemoved() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        assertThat(verifier.isValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", params("+14158675309"),
                null, signature, TOKEN)).isTrue();
        assertThat(verifier.isValid("https://mycompany.com:1234/myapp.php?foo=1&bar=2", params("+14158675309"),
                null, signature, TOKEN)).isTrue();
        // signed with the port, requested without: the :443 variant matches
        String withPort = verifier.sign("https://mycompany.com:443/myapp.php?foo=1&bar=2", params("+14158675309"), TOKEN);
        assertThat(verifier.isValid(URL, params("+14158675309"), null, withPort, TOKEN)).isTrue();
        assertThat(TwilioSignatureVerifier.withStandardPort("http://mycompany.com/a?b=1")).isEqualTo("http://mycompany.com:80/a?b=1");
        assertThat(TwilioSignatureVerifier.withoutPort("http://mycompany.com:8080/a")).isEqualTo("http://mycompany.com/a");
    }

    @Test
    void theJsonBodyVariantChecksTheUrlAndTheBodyHash() {
        String url = URL + "&bodySHA256=" + BODY_HASH;
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.isValid(url, Map.of(), body, "a9nBmqA0ju/hNViExpshrM61xv4=", TOKEN)).isTrue();
        assertThat(verifier.isValid(url, Map.of(), "{\"property\": \"other\"}".getBytes(StandardCharsets.UTF_8),
                "a9nBmqA0ju/hNViExpshrM61xv4=", TOKEN)).as("body changed").isFalse();
    }

    @Test
    void anythingChangedFails() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        Map<String, List<String>> tampered = params("+14158675309");
        tampered.put("Digits", List.of("1235"));

        assertThat(verifier.isValid(URL, tampered, null, signature, TOKEN)).isFalse();
        assertThat(verifier.isValid(URL.replace("foo=1", "foo=2"), params("+14158675309"), null, signature, TOKEN)).isFalse();
        assertThat(verifier.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", params("+14158675309"), null, signature,
                TOKEN)).as("scheme").isFalse();
        assertThat(verifier.isValid(URL, params("+14158675309"), null, signature, "54321")).isFalse();
        assertThat(verifier.isValid(URL, params("+14158675309"), null, null, TOKEN)).isFalse();
        assertThat(verifier.isValid(URL, params("+14158675309"), null, "", TOKEN)).isFalse();
    }
}
