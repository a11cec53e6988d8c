package io.lintas.sandbox;

import static io.lintas.sandbox.SandboxBitrix24Test.HOOK;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The portal's rate limit (contract A2): a leaky bucket of 50 that drains 2 requests a second;
 * beyond it 503 with the exact QUERY_LIMIT_EXCEEDED body. Time is a test clock moved by hand.
 */
class SandboxRateLimitTest {

    static final String LIMIT_BODY = "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}";

    final TestClock clock = new TestClock(Instant.parse("2026-01-20T08:00:00Z"));
    SandboxServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    int status(SandboxClient client) {
        return client.postJson(HOOK + "crm.lead.list.json", Map.of("filter", Map.of("ID", 1))).status();
    }

    @Test
    void fiftyAtOnceThenQueryLimitExceededThenTwoASecond() {
        sandbox = SandboxServer.start(0, 2, 50, clock);
        SandboxClient client = new SandboxClient(sandbox.baseUrl());

        for (int i = 0; i < 50; i++) {
            assertThat(status(client)).as("request %d of the burst", i + 1).isEqualTo(200);
        }
        SandboxClient.Answer refused = client.postJson(HOOK + "crm.lead.add.json", Map.of("fields", Map.of("TITLE", "x")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text()).isEqualTo(LIMIT_BODY);
        assertThat(sandbox.bitrix24().stats().leads()).as("a refused call does nothing").isZero();
        assertThat(status(client)).as("refusals do not drain").isEqualTo(503);

        clock.advance(Duration.ofMillis(499));
        assertThat(status(client)).as("not yet one request drained").isEqualTo(503);
        clock.advance(Duration.ofMillis(1));
        assertThat(status(client)).as("half a second drains one request").isEqualTo(200);
        assertThat(status(client)).isEqualTo(503);

        clock.advance(Duration.ofSeconds(10));
        int passed = 0;
        while (status(client) == 200) {
            passed++;
        }
        assertThat(passed).as("ten seconds at 2/s").isEqualTo(20);

        clock.advance(Duration.ofMinutes(5));
        passed = 0;
        while (status(client) == 200) {
            passed++;
        }
        assertThat(passed).as("an idle bucket empties but holds no more than the burst").isEqualTo(50);
        assertThat(sandbox.bitrix24().stats().refused()).isEqualTo(6);
    }

    @Test
    void rateAndBurstAreConfigurable() {
        sandbox = SandboxServer.start(0, 5, 250, clock); // the Enterprise plan
        SandboxClient client = new SandboxClient(sandbox.baseUrl());

        int passed = 0;
        while (status(client) == 200) {
            passed++;
        }
        assertThat(passed).isEqualTo(250);
        clock.advance(Duration.ofSeconds(1));
        passed = 0;
        while (status(client) == 200) {
            passed++;
        }
        assertThat(passed).isEqualTo(5);
    }

    @Test
    void aBucketDrainsAtItsRate() {
        PortalBucket bucket = new PortalBucket(clock, 2, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(bucket.tryAcquire()).isTrue();
        }
        assertThat(bucket.tryAcquire()).isFalse();
        assertThat(bucket.level()).isEqualTo(50.0);
        clock.advance(Duration.ofMillis(2500));
        assertThat(bucket.level()).isEqualTo(45.0);
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.level()).isEqualTo(46.0);
    }
}
