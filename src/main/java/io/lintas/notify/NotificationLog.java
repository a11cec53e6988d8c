package io.lintas.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What was sent to whom, one row per (tenant, notice, channel) (V6__notify.sql): the record that
 * makes each email and SMS go out once. Every method is one statement, committed on its own, so a
 * row outlives a rolled-back queue transaction.
 */
public class NotificationLog {

    public enum Status { SENDING, SENT, UNKNOWN, FAILED }

    public record Key(String tenant, String noticeId, String channel) {
    }

    public record Entry(Key key, String invoiceId, String kind, String provider, Status status, String messageId,
            String detail, java.time.Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public NotificationLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Entry> find(Key key) {
        return jdbc.query("SELECT * FROM notification_sent WHERE tenant = ? AND notice_id = ? AND channel = ?",
                (rs, i) -> new Entry(key, rs.getString("invoice_id"), rs.getString("kind"), rs.getString("provider"),
                        Status.valueOf(rs.getString("status")), rs.getString("message_id"), rs.getString("detail"),
                        rs.getTimestamp("updated_at").toInstant()),
                key.tenant(), key.noticeId(), key.channel()).stream().findFirst();
    }

    /** Claims the send; false when a row exists already. */
    public boolean claim(Key key, String invoiceId, String kind, String provider) {
        try {
            jdbc.update("INSERT INTO notification_sent (tenant, notice_id, channel, invoice_id, kind, provider, status, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'SENDING', ?)", key.tenant(), key.noticeId(), key.channel(), invoiceId, kind,
                    provider, now());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** A send refused before (FAILED) is tried again, e.g. after an operator fixed the number and replayed it. */
    public boolean reclaimFailed(Key key) {
        return transition(key, Status.FAILED, Status.SENDING, null, null);
    }

    public void markSent(Key key, String messageId) {
        transition(key, Status.SENDING, Status.SENT, messageId, null);
    }

    public void markFailed(Key key, String detail) {
        transition(key, Status.SENDING, Status.FAILED, null, detail);
    }

    public void markUnknown(Key key, String detail) {
        transition(key, Status.SENDING, Status.UNKNOWN, null, detail);
    }

    /** Nothing was sent: the row goes, the next attempt claims again. */
    public void release(Key key) {
        jdbc.update("DELETE FROM notification_sent WHERE tenant = ? AND notice_id = ? AND channel = ? AND status = 'SENDING'",
                key.tenant(), key.noticeId(), key.channel());
    }

    /**
     * An operator's decision on an UNKNOWN send after checking the provider: {@code sent} keeps it as
     * sent; otherwise the row goes and a replay of the dead-lettered notice sends it.
     */
    public boolean resolveUnknown(Key key, boolean sent) {
        if (sent) {
            return transition(key, Status.UNKNOWN, Status.SENT, null, "marked sent by an operator");
        }
        return jdbc.update("DELETE FROM notification_sent WHERE tenant = ? AND notice_id = ? AND channel = ? AND status = 'UNKNOWN'",
                key.tenant(), key.noticeId(), key.channel()) == 1;
    }

    public List<Map<String, Object>> list(Status status, String tenant, int limit) {
        String select = "SELECT tenant, notice_id, channel, invoice_id, kind, provider, status, message_id, detail, updated_at"
                + " FROM notification_sent WHERE status = ?";
        if (tenant == null) {
            return jdbc.queryForList(select + " ORDER BY updated_at DESC LIMIT ?", status.name(), limit);
        }
        return jdbc.queryForList(select + " AND tenant = ? ORDER BY updated_at DESC LIMIT ?", status.name(), tenant, limit);
    }

    public int count(String tenant, String invoiceId, String channel, Status status) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM notification_sent WHERE tenant = ? AND invoice_id = ? AND channel = ? AND status = ?",
                Integer.class, tenant, invoiceId, channel, status.name());
        return n == null ? 0 : n;
    }

    private boolean transition(Key key, Status from, Status to, String messageId, String detail) {
        return jdbc.update("UPDATE notification_sent SET status = ?, message_id = COALESCE(?, message_id), detail = ?, updated_at = ?"
                + " WHERE tenant = ? AND notice_id = ? AND channel = ? AND status = ?",
                to.name(), messageId, detail == null ? null : truncate(detail), now(), key.tenant(), key.noticeId(), key.channel(),
                from.name()) == 1;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 999) + "…" : s;
    }
}
