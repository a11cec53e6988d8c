package io.lintas.connector.bitrix24;

import java.time.Duration;

/**
 * One REST rate limit per Bitrix24 portal, shared by every flow that calls it. Behind an
 * interface so the bucket can live in the database and be shared across hub instances
 * ({@link SqlRateLimiter}) or in memory for one instance ({@link LeakyBucketRateLimiter}).
 */
public interface PortalRateLimiter {

    /**
     * Takes a place in the portal's bucket for one request of a method.
     *
     * @return how long the caller waits before sending it (zero when it may go now)
     */
    Duration reserve(String portal, String method, RatePlan plan);

    /**
     * The portal said "too many requests" (503 QUERY_LIMIT_EXCEEDED) or "operating time used up"
     * (429 OPERATION_TIME_LIMIT): someone else shares the bucket, or it is fuller than we think.
     * Later requests wait at least {@code pause}, and the bucket counts as full.
     */
    void throttled(String portal, RatePlan plan, Duration pause);

    /**
     * One method used up its operating-time budget on the portal (429 OPERATION_TIME_LIMIT): only
     * that method waits, until the portal's oldest one-minute basket drops off.
     */
    void methodExhausted(String portal, String method, Duration pause);

    /** How often the portal has pushed back (503/429) since the bucket was made. */
    default long throttledCount(String portal) {
        return 0;
    }
}
