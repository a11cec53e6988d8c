package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.cluster.SharedDatabases;
import io.lintas.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances (two limiters on one database) share a portal's bucket: together they never
 * schedule more than burst + rate x t requests in any t, on H2 and on PostgreSQL.
 */
class SqlRateLimiterTest {

    static final RatePlan PLAN = new RatePlan(5, 2);
    static final String PORTAL = "acme.bitrix24.com";

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void twoInstancesTogetherKeepThePortalsRate(String kind) throws Exception {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        PortalRateLimiter a = new SqlRateLimiter(new JdbcTemplate(db.getDataSource()), clock);
        PortalRateLimiter b = new SqlRateLimiter(new JdbcTemplate(db.getDataSource()), clock);

        List<Duration> waits = reserveConcurrently(a, b, 20);

        assertSchedule(waits);
    }

    @Test
    void twoInMemoryLimitersWouldEachSpendTheWholeBurst() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        List<Duration> waits = reserveConcurrently(new LeakyBucketRateLimiter(clock), new LeakyBucketRateLimiter(clock), 20);

        assertThat(waits.stream().filter(Duration::isZero).count()).as("per-JVM buckets: 2 x burst sent at once").isEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void aPushBackSeenByOneInstanceSlowsTheOther(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        SqlRateLimiter a = new SqlRateLimiter(new JdbcTemplate(db.getDataSource()), clock);
        SqlRateLimiter b = new SqlRateLimiter(new JdbcTemplate(db.getDataSource()), clock);
        assertThat(b.reserve(PORTAL, "batch", PLAN)).isZero();

        a.throttled(PORTAL, PLAN, Duration.ofSeconds(3));
        a.methodExhausted(PORTAL, "crm.lead.list", Duration.ofSeconds(60));

        assertThat(b.reserve(PORTAL, "batch", PLAN)).as("paused, and the bucket counts as full").isEqualTo(Duration.ofSeconds(3));
        assertThat(b.reserve(PORTAL, "crm.lead.list", PLAN)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.throttledCount(PORTAL)).isEqualTo(2);
        assertThat(b.level(PORTAL, PLAN)).isGreaterThan(PLAN.burst());
        assertThat(b.reserve("other.bitrix24.com", "batch", PLAN)).as("another portal has its own bucket").isZero();
    }

    /** Requests of both instances at one instant, from several threads each. */
    static List<Duration> reserveConcurrently(PortalRateLimiter a, PortalRateLimiter b, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Duration>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                PortalRateLimiter limiter = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> limiter.reserve(PORTAL, "batch", PLAN)));
            }
            List<Duration> waits = new ArrayList<>();
            for (Future<Duration> f : futures) {
                waits.add(f.get());
            }
            Collections.sort(waits);
            return waits;
        } finally {
            pool.shutdown();
        }
    }

    /** The k-th request (1-based) goes (k - burst) / rate after now: the portal's own leaky bucket, never exceeded. */
    static void assertSchedule(List<Duration> sorted) {
        for (int k = 1; k <= sorted.size(); k++) {
            double seconds = Math.max(0, (k - PLAN.burst()) / PLAN.perSecond());
            assertThat(sorted.get(k - 1).toNanos() / 1e9).as("wait of request %d", k).isCloseTo(seconds,
                    org.assertj.core.data.Offset.offset(0.001));
        }
        // in any window [0, t]: at most burst + rate x t requests
        for (int k = 1; k <= sorted.size(); k++) {
            double t = sorted.get(k - 1).toNanos() / 1e9;
            assertThat(k).isLessThanOrEqualTo((int) Math.floor(PLAN.burst() + PLAN.perSecond() * t + 1e-6));
        }
    }
}
