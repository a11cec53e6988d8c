package io.lintas.connector.bitrix24;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-portal leaky bucket of {@link LeakyBucketRateLimiter}, kept in the shared database
 * ({@code rate_bucket}) so every hub instance takes its places from the same bucket: the portal's
 * limit holds however many instances call it.
 *
 * <p>The bucket is one number, its theoretical arrival time {@code tat}: the moment it would be empty
 * again. Taking a place moves it by one interval ({@code 1 / perSecond}); the caller waits until
 * {@code tat} is no more than {@code burst} intervals ahead of now. The move is a compare-and-set on
 * the row's version, retried on conflict, so two instances never take the same place. Pauses the
 * portal asks for (503, 429) are kept on the row; a method's own pause on a row of its own.
 */
public class SqlRateLimiter implements PortalRateLimiter {

    private static final int MAX_ATTEMPTS = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public SqlRateLimiter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Duration reserve(String portal, String method, RatePlan plan) {
        String key = key(portal);
        ensure(key);
        double interval = 1_000_000d / plan.perSecond();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long now = micros(clock.instant());
            Row row = read(key);
            long tat = (long) Math.ceil(Math.max(row.tat(), now) + interval);
            if (jdbc.update("UPDATE rate_bucket SET tat_micros = ?, version = version + 1 WHERE bucket_key = ? AND version = ?",
                    tat, key, row.version()) == 1) {
                long waitMicros = Math.max(0, tat - now - (long) Math.floor(plan.burst() * interval));
                waitMicros = Math.max(waitMicros, row.pausedUntil() - now);
                if (method != null) {
                    List<Long> methodPause = jdbc.queryForList("SELECT paused_until FROM rate_bucket WHERE bucket_key = ?", Long.class,
                            methodKey(portal, method));
                    if (!methodPause.isEmpty()) {
                        waitMicros = Math.max(waitMicros, methodPause.get(0) - now);
                    }
                }
                return Duration.of(waitMicros, ChronoUnit.MICROS);
            }
        }
        throw new IllegalStateException("rate bucket of " + key + " too contended");
    }

    @Override
    public void throttled(String portal, RatePlan plan, Duration pause) {
        String key = key(portal);
        ensure(key);
        long now = micros(clock.instant());
        long full = now + (long) Math.floor(plan.burst() * 1_000_000d / plan.perSecond());
        jdbc.update("UPDATE rate_bucket SET tat_micros = GREATEST(tat_micros, ?), paused_until = GREATEST(paused_until, ?),"
                + " throttled = throttled + 1, version = version + 1 WHERE bucket_key = ?", full, now + micros(pause), key);
    }

    @Override
    public void methodExhausted(String portal, String method, Duration pause) {
        String key = key(portal);
        String methodKey = methodKey(portal, method);
        ensure(key);
        ensure(methodKey);
        long now = micros(clock.instant());
        jdbc.update("UPDATE rate_bucket SET paused_until = GREATEST(paused_until, ?), version = version + 1 WHERE bucket_key = ?",
                now + micros(pause), methodKey);
        jdbc.update("UPDATE rate_bucket SET throttled = throttled + 1, version = version + 1 WHERE bucket_key = ?", key);
    }

    @Override
    public long throttledCount(String portal) {
        List<Long> counts = jdbc.queryForList("SELECT throttled FROM rate_bucket WHERE bucket_key = ?", Long.class, key(portal));
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    /** How many requests the portal's bucket holds now, reservations of every instance included. */
    public double level(String portal, RatePlan plan) {
        List<Long> tats = jdbc.queryForList("SELECT tat_micros FROM rate_bucket WHERE bucket_key = ?", Long.class, key(portal));
        if (tats.isEmpty()) {
            return 0;
        }
        long ahead = tats.get(0) - micros(clock.instant());
        return Math.max(0, ahead * plan.perSecond() / 1_000_000d);
    }

    private Row read(String key) {
        return jdbc.queryForObject("SELECT tat_micros, paused_until, version FROM rate_bucket WHERE bucket_key = ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)), key);
    }

    private void ensure(String key) {
        if (known.contains(key)) {
            return;
        }
        List<Long> present = jdbc.queryForList("SELECT version FROM rate_bucket WHERE bucket_key = ?", Long.class, key);
        if (present.isEmpty()) {
            try {
                jdbc.update("INSERT INTO rate_bucket (bucket_key, tat_micros, paused_until, throttled, version) VALUES (?, 0, 0, 0, 0)", key);
            } catch (DuplicateKeyException madeMeanwhile) {
                // another instance made it first
            }
        }
        known.add(key);
    }

    private static String key(String portal) {
        return portal == null ? "" : portal.toLowerCase(Locale.ROOT);
    }

    private static String methodKey(String portal, String method) {
        return key(portal) + " " + method;
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    private record Row(long tat, long pausedUntil, long version) {
    }
}
