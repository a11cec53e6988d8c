package io.lintas.connector.bitrix24;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's own algorithm, kept on our side: a bucket per portal that drains at
 * {@link RatePlan#perSecond()} and holds {@link RatePlan#burst()}. A request that would overflow it
 * is not refused but scheduled: its wait is the time the bucket needs to drain enough, and its
 * place is taken now, so callers queue up in order. In memory: shared by every flow of this JVM.
 */
public class LeakyBucketRateLimiter implements PortalRateLimiter {

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LeakyBucketRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Duration reserve(String portal, RatePlan plan) {
        return bucket(portal).reserve(clock.instant(), plan);
    }

    @Override
    public void throttled(String portal, RatePlan plan, Duration pause) {
        bucket(portal).throttled(clock.instant(), plan, pause);
    }

    /** How many requests the portal's bucket holds now, reservations included (for tests and the console). */
    public double level(String portal) {
        Bucket bucket = buckets.get(key(portal));
        return bucket == null ? 0 : bucket.level(clock.instant());
    }

    /** How often the portal has pushed back since start. */
    public long throttledCount(String portal) {
        Bucket bucket = buckets.get(key(portal));
        return bucket == null ? 0 : bucket.throttledCount();
    }

    private Bucket bucket(String portal) {
        return buckets.computeIfAbsent(key(portal), k -> new Bucket());
    }

    private static String key(String portal) {
        return portal == null ? "" : portal.toLowerCase(Locale.ROOT);
    }

    private static final class Bucket {
        private double level;
        private Instant updated;
        private Instant pausedUntil = Instant.MIN;
        private long throttled;
        private double rate;

        synchronized Duration reserve(Instant now, RatePlan plan) {
            drain(now, plan);
            double over = level + 1 - plan.burst();
            level += 1;
            long waitNanos = over <= 0 ? 0 : (long) Math.ceil(over / plan.perSecond() * 1_000_000_000L);
            Duration wait = Duration.ofNanos(waitNanos);
            Duration paused = Duration.between(now, pausedUntil);
            return paused.compareTo(wait) > 0 ? paused : wait;
        }

        synchronized void throttled(Instant now, RatePlan plan, Duration pause) {
            drain(now, plan);
            throttled++;
            level = Math.max(level, plan.burst());
            Instant until = now.plus(pause);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }

        synchronized double level(Instant now) {
            if (updated == null || !now.isAfter(updated)) {
                return level;
            }
            return Math.max(0, level - Duration.between(updated, now).toNanos() / 1e9 * rate);
        }

        synchronized long throttledCount() {
            return throttled;
        }

        private void drain(Instant now, RatePlan plan) {
            rate = plan.perSecond();
            if (updated != null && now.isAfter(updated)) {
                double seconds = Duration.between(updated, now).toNanos() / 1e9;
                level = Math.max(0, level - seconds * plan.perSecond());
            }
            if (updated == null || now.isAfter(updated)) {
                updated = now;
            }
        }
    }
}
