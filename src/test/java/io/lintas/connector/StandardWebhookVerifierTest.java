package io.lintas.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.StandardWebhookVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** standard-webhooks TestScenario vectors (contracts/billing-tasks-sms.md 9.1), on a fixed clock. */
class StandardWebhookVerifierTest {

    private static final byte[] KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TS = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static StandardWebhookVerifier at(long epochSecond) {
        return new StandardWebhookVerifier(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private final StandardWebhookVerifier verifier = at(1614265330);

    @Test
    void theOfficialVectorSignsAndVerifies() {
        assertThat("v1," + StandardWebhookVerifier.sign(KEY, ID, TS, BODY)).isEqualTo(SIGNATURE);
        assertThat(verifier.verify(KEY, ID, TS, SIGNATURE, BODY)).isEqualTo(Outcome.VALID);
    }

    @Test
    void wrongVersionsAndGarbageFail() {
        assertThat(verifier.verify(KEY, ID, TS, SIGNATURE.replace("v1,", "v2,"), BODY)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(KEY, ID, TS, "invalid_signature", BODY)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(KEY, ID, TS, "v1,invalid_signature", BODY)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(KEY, ID, TS, SIGNATURE, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
        assertThat(verifier.verify(KEY, "msg_other", TS, SIGNATURE, BODY)).isEqualTo(Outcome.NO_MATCHING_SIGNATURE);
    }

    @Test
    void oneValidEntryAmongSeveralPasses() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SIGNATURE
                + " v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";
        assertThat(verifier.verify(KEY, ID, TS, header, BODY)).isEqualTo(Outcome.VALID);
    }

    @Test
    void timestampsMoreThanFiveMinutesAwayFail() {
        assertThat(at(1614265330 + 301).verify(KEY, ID, TS, SIGNATURE, BODY)).isEqualTo(Outcome.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(at(1614265330 - 301).verify(KEY, ID, TS, SIGNATURE, BODY)).isEqualTo(Outcome.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(at(1614265330 + 300).verify(KEY, ID, TS, SIGNATURE, BODY)).isEqualTo(Outcome.VALID);
        assertThat(verifier.verify(KEY, ID, "soon", SIGNATURE, BODY)).isEqualTo(Outcome.BAD_TIMESTAMP);
        assertThat(verifier.verify(KEY, null, TS, SIGNATURE, BODY)).isEqualTo(Outcome.MISSING_HEADERS);
    }
}
