package io.lintas.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Outbound webhook deliveries in SQL (V6__notify.sql, table webhook_delivery). */
public class WebhookDeliveries {

    public enum Status { PENDING, DELIVERED, FAILED }

    /** One delivery due for an attempt. */
    public record Due(String id, String tenant, String url, String eventType, String body, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WebhookDeliveries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds a delivery due now; false when this webhook-id exists (the event was queued before). */
    public boolean add(String id, String tenant, String url, String eventType, String body) {
        Timestamp now = now();
        try {
            jdbc.update("INSERT INTO webhook_delivery (id, tenant, url, event_type, body, status, attempts, next_attempt_at,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)", id, tenant, url, eventType, body, now, now, now);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public List<Due> due(int limit) {
        return jdbc.query("SELECT id, tenant, url, event_type, body, attempts FROM webhook_delivery"
                        + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
                (rs, i) -> new Due(rs.getString("id"), rs.getString("tenant"), rs.getString("url"), rs.getString("event_type"),
                        rs.getString("body"), rs.getInt("attempts")),
                now(), limit);
    }

    /**
     * Takes a due delivery for one attempt: its next attempt moves {@code lease} ahead, so another
     * instance polling meanwhile leaves it alone. False when someone else took it first.
     */
    public boolean take(Due due, Instant leaseUntil) {
        return jdbc.update("UPDATE webhook_delivery SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ?",
                Timestamp.from(leaseUntil), now(), due.id(), due.attempts()) == 1;
    }

    public void delivered(Due due, int httpStatus) {
        jdbc.update("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, last_status = ?, last_error = NULL,"
                + " next_attempt_at = NULL, updated_at = ? WHERE id = ?", due.attempts() + 1, httpStatus, now(), due.id());
    }

    /** @param next when to try again, or null: no more attempts, the delivery failed */
    public void attemptFailed(Due due, Integer httpStatus, String error, Instant next) {
        jdbc.update("UPDATE webhook_delivery SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?,"
                + " updated_at = ? WHERE id = ?", next == null ? "FAILED" : "PENDING", due.attempts() + 1, httpStatus,
                error == null ? null : (error.length() > 1000 ? error.substring(0, 999) + "…" : error),
                next == null ? null : Timestamp.from(next), now(), due.id());
    }

    /** An operator sends a failed delivery again (same webhook-id, same body). */
    public boolean retry(String id) {
        return jdbc.update("UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?"
                + " WHERE id = ? AND status = 'FAILED'", now(), now(), id) == 1;
    }

    public List<Map<String, Object>> list(Status status, String tenant, int limit) {
        String select = "SELECT id, tenant, url, event_type, status, attempts, last_status, last_error, next_attempt_at,"
                + " created_at, updated_at FROM webhook_delivery WHERE status = ?";
        if (tenant == null) {
            return jdbc.queryForList(select + " ORDER BY created_at DESC LIMIT ?", status.name(), limit);
        }
        return jdbc.queryForList(select + " AND tenant = ? ORDER BY created_at DESC LIMIT ?", status.name(), tenant, limit);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
