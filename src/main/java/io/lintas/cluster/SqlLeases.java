package io.lintas.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Leases in the shared database ({@code cluster_lease}): a named job runs on the instance holding its
 * lease. Every change is one conditional statement, so two instances never both hold a lease that has
 * not expired. Times come from the caller (instances keep their clocks in sync; a lease lasts far
 * longer than their skew).
 */
public class SqlLeases {

    private final JdbcTemplate jdbc;

    public SqlLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the lease when it is free, expired, or already ours (then it is renewed).
     *
     * @return true when {@code holder} holds it until {@code now + ttl}
     */
    public boolean tryAcquire(String name, String holder, Instant now, Duration ttl) {
        long at = now.toEpochMilli();
        long until = now.plus(ttl).toEpochMilli();
        int taken = jdbc.update("UPDATE cluster_lease SET holder = ?, expires_at = ?, taken_at = CASE WHEN holder = ? THEN taken_at ELSE ? END"
                + " WHERE name = ? AND (holder = ? OR expires_at <= ?)", holder, until, holder, at, name, holder, at);
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.update("INSERT INTO cluster_lease (name, holder, expires_at, taken_at) VALUES (?, ?, ?, ?)",
                    name, holder, until, at) == 1;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    /**
     * Renews every lease {@code holder} still has (one statement), and tells which those are: a lease
     * another instance took over after it expired is not among them.
     */
    public Set<String> renewAll(String holder, Instant now, Duration ttl) {
        jdbc.update("UPDATE cluster_lease SET expires_at = ? WHERE holder = ?", now.plus(ttl).toEpochMilli(), holder);
        return new HashSet<>(jdbc.queryForList("SELECT name FROM cluster_lease WHERE holder = ?", String.class, holder));
    }

    /** Of {@code names}, those nobody holds now (never taken, or expired). */
    public Set<String> free(Collection<String> names, Instant now) {
        Set<String> free = new HashSet<>(names);
        if (names.isEmpty()) {
            return free;
        }
        List<String> held = jdbc.queryForList("SELECT name FROM cluster_lease WHERE expires_at > ?", String.class, now.toEpochMilli());
        held.forEach(free::remove);
        return free;
    }

    /** How many unexpired leases have a name starting with {@code prefix} (e.g. live instances' heartbeats). */
    public int count(String prefix, Instant now) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cluster_lease WHERE name LIKE ? AND expires_at > ?", Integer.class,
                prefix.replace("%", "\\%").replace("_", "\\_") + "%", now.toEpochMilli());
    }

    /** Gives the lease up at once (orderly stop), when {@code holder} has it. */
    public void release(String name, String holder) {
        jdbc.update("DELETE FROM cluster_lease WHERE name = ? AND holder = ?", name, holder);
    }

    /** Gives up every lease of {@code holder}. */
    public void releaseAll(String holder) {
        jdbc.update("DELETE FROM cluster_lease WHERE holder = ?", holder);
    }

    /** Who holds the lease now, or null (for the console, the admin and tests). */
    public String holder(String name, Instant now) {
        List<String> holders = jdbc.queryForList("SELECT holder FROM cluster_lease WHERE name = ? AND expires_at > ?", String.class,
                name, now.toEpochMilli());
        return holders.isEmpty() ? null : holders.get(0);
    }
}
