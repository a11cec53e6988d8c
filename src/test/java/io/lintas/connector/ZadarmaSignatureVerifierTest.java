package io.lintas.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract sheet's worked example (contracts/intake.md B2) and the signed string per event. */
class ZadarmaSignatureVerifierTest {

    private static final String SECRET = "YOUR_SECRET";
    private static final String EXPECTED = "ZmIwZGZjMTRmZmMzYjEwMzFhYzI5Mzk4ZGVkYzU1NDdmNDA2OGI4Nw==";
    private static final Map<String, String> START = Map.of("event", "NOTIFY_START", "caller_id", "+79001234567",
            "called_did", "+74951234567", "call_start", "2024-05-01 12:00:00", "pbx_call_id", "in_42");

    private final ZadarmaSignatureVerifier verifier = new ZadarmaSignatureVerifier();

    @Test
    void theWorkedExampleIsBase64OfTheHexString() {
        assertThat(verifier.sign("+79001234567+749512345672024-05-01 12:00:00", SECRET)).isEqualTo(EXPECTED);
        assertThat(verifier.isValid("NOTIFY_START", START, EXPECTED, SECRET)).isTrue();
        assertThat(verifier.isValid("NOTIFY_END", START, EXPECTED, SECRET)).as("END signs the same fields").isTrue();
    }

    @Test
    void theRawBytesVariantIsRefused() {
        assertThat(verifier.isValid("NOTIFY_START", START, "+w38FP/DsQMawpOY3txVR/QGi4c=", SECRET)).isFalse();
    }

    @Test
    void eachEventSignsItsOwnFields() {
        Map<String, String> f = Map.of("caller_id", "A", "called_did", "B", "call_start", "C", "destination", "D",
                "internal", "E", "pbx_call_id", "F", "call_id_with_rec", "G");
        assertThat(verifier.signedString("NOTIFY_END", f)).contains("ABC");
        assertThat(verifier.signedString("NOTIFY_ANSWER", f)).contains("ADC");
        assertThat(verifier.signedString("NOTIFY_OUT_START", f)).contains("EDC");
        assertThat(verifier.signedString("NOTIFY_OUT_END", f)).contains("EDC");
        assertThat(verifier.signedString("NOTIFY_RECORD", f)).contains("FG");
        assertThat(verifier.signedString("NOTIFY_SOMETHING_NEW", f)).isEmpty();
    }

    @Test
    void aWrongSecretOrMissingHeaderFails() {
        assertThat(verifier.isValid("NOTIFY_START", START, EXPECTED, "OTHER")).isFalse();
        assertThat(verifier.isValid("NOTIFY_START", START, null, SECRET)).isFalse();
        assertThat(verifier.isValid("NOTIFY_OUT_START", START, EXPECTED, SECRET)).isFalse();
    }
}
