package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeakyBucketRateLimiterTest {

    final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    final LeakyBucketRateLimiter limiter = new LeakyBucketRateLimiter(clock);

    @Test
    void aBurstOfFiftyGoesAtOnceThenTwoPerSecond() {
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).as("request %d", i + 1).isZero();
        }
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofMillis(1000));
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void theBucketDrainsWithTime() {
        for (int i = 0; i < 50; i++) {
            limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD);
        }
        clock.advance(Duration.ofSeconds(5)); // ten requests drained
        assertThat(limiter.level("a.bitrix24.com")).isEqualTo(40.0);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isZero();
        }
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void enterprisePortalsHaveABiggerFasterBucket() {
        for (int i = 0; i < 250; i++) {
            assertThat(limiter.reserve("big.bitrix24.com", "crm.lead.get", RatePlan.ENTERPRISE)).isZero();
        }
        assertThat(limiter.reserve("big.bitrix24.com", "crm.lead.get", RatePlan.ENTERPRISE)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void eachPortalHasItsOwnBucketWhateverTheCase() {
        for (int i = 0; i < 50; i++) {
            limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD);
        }
        assertThat(limiter.reserve("b.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isZero();
        assertThat(limiter.reserve("A.Bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isPositive();
    }

    @Test
    void aPushBackFillsTheBucketAndPausesThePortal() {
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isZero();

        limiter.throttled("a.bitrix24.com", RatePlan.STANDARD, Duration.ofSeconds(3));

        assertThat(limiter.throttledCount("a.bitrix24.com")).isEqualTo(1);
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3)); // six drained of 51: still above the burst - 1
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isZero();
        assertThat(limiter.throttledCount("b.bitrix24.com")).isZero();
    }

    @Test
    void aFullBucketAfterAPushBackMakesLaterRequestsWait() {
        limiter.throttled("a.bitrix24.com", RatePlan.STANDARD, Duration.ZERO);
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anExhaustedMethodWaitsAloneUntilItsBudgetComesBack() {
        limiter.methodExhausted("a.bitrix24.com", "crm.lead.list", Duration.ofSeconds(90));

        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.list", RatePlan.STANDARD)).isEqualTo(Duration.ofSeconds(90));
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.get", RatePlan.STANDARD)).isZero();
        assertThat(limiter.throttledCount("a.bitrix24.com")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(90));
        assertThat(limiter.reserve("a.bitrix24.com", "crm.lead.list", RatePlan.STANDARD)).isZero();
    }

    @Test
    void customPlansAreHonoured() {
        RatePlan tiny = new RatePlan(1, 0.5);
        assertThat(limiter.reserve("p", "crm.lead.get", tiny)).isZero();
        assertThat(limiter.reserve("p", "crm.lead.get", tiny)).isEqualTo(Duration.ofSeconds(2));
    }
}
