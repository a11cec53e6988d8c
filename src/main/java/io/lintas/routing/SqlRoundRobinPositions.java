package io.lintas.routing;

import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Round-robin positions in the shared database, so every hub instance hands out the same rotation:
 * {@code round_robin_pool} holds each pool's next position, moved by compare-and-set (retried when
 * another instance moved it first), and {@code round_robin_given} the position each subject got, so a
 * retried delivery on any instance gets the same one. Subjects older than the last {@code remembered}
 * of a pool are forgotten now and then.
 */
public final class SqlRoundRobinPositions implements RoundRobinPositions {

    private static final int MAX_ATTEMPTS = 100;

    private final JdbcTemplate jdbc;
    private final long remembered;

    public SqlRoundRobinPositions(JdbcTemplate jdbc, long remembered) {
        if (remembered < 1) {
            throw new IllegalArgumentException("remember at least one subject per pool");
        }
        this.jdbc = jdbc;
        this.remembered = remembered;
    }

    public SqlRoundRobinPositions(JdbcTemplate jdbc) {
        this(jdbc, 10_000);
    }

    @Override
    public long positionOf(String pool, String subject) {
        if (subject != null) {
            Long given = given(pool, subject);
            if (given != null) {
                return given;
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long next = next(pool);
            if (jdbc.update("UPDATE round_robin_pool SET next_position = ? WHERE pool = ? AND next_position = ?", next + 1, pool, next) != 1) {
                continue; // another instance took this position: try the next one
            }
            if (subject == null) {
                return next;
            }
            try {
                jdbc.update("INSERT INTO round_robin_given (pool, subject, position) VALUES (?, ?, ?)", pool, subject, next);
            } catch (DuplicateKeyException givenMeanwhile) {
                return given(pool, subject); // the same subject on another instance at the same moment: its position
            }
            if (next >= remembered && next % Math.min(1_000, remembered) == 0) {
                jdbc.update("DELETE FROM round_robin_given WHERE pool = ? AND position < ?", pool, next - remembered);
            }
            return next;
        }
        throw new IllegalStateException("round-robin pool " + pool + " too contended");
    }

    private Long given(String pool, String subject) {
        List<Long> given = jdbc.queryForList("SELECT position FROM round_robin_given WHERE pool = ? AND subject = ?", Long.class, pool, subject);
        return given.isEmpty() ? null : given.get(0);
    }

    private long next(String pool) {
        List<Long> next = jdbc.queryForList("SELECT next_position FROM round_robin_pool WHERE pool = ?", Long.class, pool);
        if (!next.isEmpty()) {
            return next.get(0);
        }
        try {
            jdbc.update("INSERT INTO round_robin_pool (pool, next_position) VALUES (?, 0)", pool);
        } catch (DuplicateKeyException madeMeanwhile) {
            // another instance made the pool first
        }
        return jdbc.queryForObject("SELECT next_position FROM round_robin_pool WHERE pool = ?", Long.class, pool);
    }
}
