package io.lintas.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TypeformSignatureVerifierTest {

    // contract sheet C2 test vector
    private static final byte[] BODY = "{\"event_id\":\"x\",\"event_type\":\"form_response\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=OdUsGfOLwKTQTyfPcQWmOvT5H78q1GtsFvhdUuNL3xk=";

    private final TypeformSignatureVerifier verifier = new TypeformSignatureVerifier();

    @Test
    void theContractVectorPasses() {
        assertThat(verifier.isValid(BODY, SIGNATURE, "secret")).isTrue();
    }

    @Test
    void surroundingWhitespaceInTheHeaderIsTolerated() {
        assertThat(verifier.isValid(BODY, " " + SIGNATURE + " ", "secret")).isTrue();
    }

    @Test
    void flippingOneByteOfTheBodyFails() {
        for (int i = 0; i < BODY.length; i++) {
            byte[] tampered = BODY.clone();
            tampered[i] ^= 0x01;
            assertThat(verifier.isValid(tampered, SIGNATURE, "secret")).as("byte %d", i).isFalse();
        }
    }

    @Test
    void anotherSecretFails() {
        assertThat(verifier.isValid(BODY, SIGNATURE, "Secret")).isFalse();
        assertThat(verifier.isValid(BODY, SIGNATURE, "")).isFalse();
        assertThat(verifier.isValid(BODY, SIGNATURE, null)).isFalse();
    }

    @Test
    void hexMissingPrefixOrMissingHeaderFails() {
        String hex = "sha256=39d52c19f38bc0a4d04f27cf7105a63af4f91fbf2ad46b6c16f85d52e34bdf19";
        assertThat(verifier.isValid(BODY, hex, "secret")).isFalse();
        assertThat(verifier.isValid(BODY, SIGNATURE.substring("sha256=".length()), "secret")).isFalse();
        assertThat(verifier.isValid(BODY, "sha1=OdUsGfOLwKTQTyfPcQWmOvT5H78q1GtsFvhdUuNL3xk=", "secret")).isFalse();
        assertThat(verifier.isValid(BODY, null, "secret")).isFalse();
        assertThat(verifier.isValid(BODY, "", "secret")).isFalse();
    }
}
