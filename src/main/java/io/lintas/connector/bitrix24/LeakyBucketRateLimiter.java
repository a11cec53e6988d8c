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
    public Duration reserve(String portal, String method, RatePlan plan) {
        return bucket(portal).reserve(clock.instant(), method, plan);
    }

    @Override
    public void throttled(String portal, RatePlan plan, Duration pause) {
        bucket(portal).throttled(clock.instant(), plan, pause);
    }

    @Override
    public void methodExhausted(String portal, String method, Duration pause) {
        bucket(portal).methodExhausted(clock.instant(), method, pause);
    }

    /** How many requests the portal's bucket holds now, reservations included (for tests and the console). */
    public double level(String portal) {
        Bucket bucket = buckets.get(key(portal));
        return bucket == null ? 0 : bucket.level(clock.instant());
    }

    /** How often the portal has pushed back since start. */
    @Override
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
        private final Map<String, Instant> methodPausedUntil = new java.util.HashMap<>();

        synchronized Duration reserve(Instant now, String method, RatePlan plan) {
            drain(now, plan);
            double over = level + 1 - plan.burst();
            level += 1;
            long waitNanos = over <= 0 ? 0 : (long) Math.ceil(over / plan.perSecond() * 1_000_000_000L);
            Duration wait = longest(Duration.ofNanos(waitNanos), Duration.between(now, pausedUntil));
            Instant methodPause = method == null ? null : methodPausedUntil.get(method);
            if (methodPause != null) {
                if (methodPause.isAfter(now)) {
                    wait = longest(wait, Duration.between(now, methodPause));
                } else {
                    methodPausedUntil.remove(method);
                }
            }
            return wait;
        }

        synchronized void methodExhausted(Instant now, String method, Duration pause) {
            throttled++;
            methodPausedUntil.merge(method, now.plus(pause), (a, b) -> a.isAfter(b) ? a : b);
        }

        private static Duration longest(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
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
