package io.lintas.connector.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.billing.StripeSignatureVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Stripe-Signature against the contract sheet's computed vectors (§9.2), with a fixed clock. */
class StripeSignatureVerifierTest {

    static final String SECRET = "whsec_test_secret";
    static final byte[] PAYLOAD = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}".getBytes(StandardCharsets.UTF_8);
    static final String V_12345 = "2672d138c9a412830f3bfe2ecc5bfb3277cf6f5b49d0119d77dd6cb64da1257e";
    static final String V_1700000000 = "4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";

    static StripeSignatureVerifier at(long epochSecond) {
        return new StripeSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void signsTheContractVectors() {
        assertThat(StripeSignatureVerifier.sign(SECRET, "12345", PAYLOAD)).isEqualTo(V_12345);
        assertThat(StripeSignatureVerifier.sign(SECRET, "1700000000", PAYLOAD)).isEqualTo(V_1700000000);
    }

    @Test
    void acceptsTheVectorsWithinTolerance() {
        assertThat(at(12345).verify(SECRET, "t=12345,v1=" + V_12345, PAYLOAD)).isEqualTo(Outcome.VALID);
        assertThat(at(1700000000 + 300).verify(SECRET, "t=1700000000,v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.VALID);
    }

    @Test
    void aReplayAfterThreeHundredSecondsIsStale() {
        assertThat(at(1700000000 + 301).verify(SECRET, "t=1700000000,v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.STALE);
        assertThat(at(1700000000 - 301).verify(SECRET, "t=1700000000,v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.STALE);
    }

    @Test
    void oneMatchingV1AmongSeveralPassesAndV0IsIgnored() {
        String header = "t=1700000000,v0=" + V_1700000000 + ",v1=" + "0".repeat(64) + ",v1=" + V_1700000000;
        assertThat(at(1700000000).verify(SECRET, header, PAYLOAD)).isEqualTo(Outcome.VALID);
        assertThat(at(1700000000).verify(SECRET, "t=1700000000,v0=" + V_1700000000, PAYLOAD))
                .isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
    }

    @Test
    void forgedBodiesSecretsAndTimestampsFail() {
        StripeSignatureVerifier verifier = at(1700000000);
        byte[] changed = new String(PAYLOAD, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(SECRET, "t=1700000000,v1=" + V_1700000000, changed)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify("whsec_other", "t=1700000000,v1=" + V_1700000000, PAYLOAD))
                .isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(SECRET, "t=1700000001,v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(SECRET, null, PAYLOAD)).isEqualTo(Outcome.MISSING_HEADER);
        assertThat(verifier.verify(SECRET, "v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.MALFORMED);
        assertThat(verifier.verify(SECRET, "t=abc,v1=" + V_1700000000, PAYLOAD)).isEqualTo(Outcome.MALFORMED);
    }
}
