package io.lintas.connector.bitrix24;

/**
 * A portal's REST rate limit, a leaky bucket: up to {@code burst} requests at once, draining at
 * {@code perSecond} requests per second. Bitrix24 answers 503 QUERY_LIMIT_EXCEEDED above it.
 *
 * @param burst     bucket size (Bitrix24: 50, Enterprise 250)
 * @param perSecond drain rate in requests per second (Bitrix24: 2, Enterprise 5)
 */
public record RatePlan(int burst, double perSecond) {

    /** Every plan but Enterprise. */
    public static final RatePlan STANDARD = new RatePlan(50, 2);
    /** Enterprise plans. */
    public static final RatePlan ENTERPRISE = new RatePlan(250, 5);

    public RatePlan {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 (got " + burst + ")");
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be a positive number (got " + perSecond + ")");
        }
    }
}
