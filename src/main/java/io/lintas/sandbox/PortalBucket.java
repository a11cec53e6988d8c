package io.lintas.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The portal's side of the Bitrix24 rate limit (contract A2): a leaky bucket per portal that holds
 * {@code burst} requests and drains {@code perSecond} of them every second. A request that finds the
 * bucket full is refused (503 QUERY_LIMIT_EXCEEDED) and does not fill it further. This is the
 * server's rule, written independently of the hub's own limiter so that one cannot hide a bug of
 * the other.
 */
public final class PortalBucket {

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private double level;
    private Instant drainedAt;

    public PortalBucket(Clock clock, double perSecond, int burst) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("drain rate must be a positive number of requests per second (got " + perSecond + ")");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 (got " + burst + ")");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.drainedAt = clock.instant();
    }

    /** Counts a request; false when the bucket is full (the request must be refused). */
    public synchronized boolean tryAcquire() {
        drain();
        if (level + 1 > burst + 1e-9) {
            return false;
        }
        level += 1;
        return true;
    }

    /** Requests in the bucket now. */
    public synchronized double level() {
        drain();
        return level;
    }

    public double perSecond() {
        return perSecond;
    }

    public int burst() {
        return burst;
    }

    private void drain() {
        Instant now = clock.instant();
        if (now.isAfter(drainedAt)) {
            double seconds = Duration.between(drainedAt, now).toNanos() / 1e9;
            level = Math.max(0, level - seconds * perSecond);
            drainedAt = now;
        }
    }
}
