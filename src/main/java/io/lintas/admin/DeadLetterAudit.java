package io.lintas.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit of what admins did to dead letters (table dead_letter_audit): who, when, which
 * message of which stage, its lead and tenant, its failure reason, and, to recover a discarded
 * message by hand, its properties and body. The body is stored, never logged.
 */
public class DeadLetterAudit {

    private static final int MAX_REASON = 1000;

    /** What was done to the dead letter. */
    public enum Action { REPLAY, DISCARD }

    /** The parts of a dead letter the audit keeps. */
    public record Letter(String messageId, String leadId, String tenant, String failureReason, String failedAt,
            Map<String, String> properties, String body) {
    }

    /** One audit record; {@code properties} and {@code body} are only filled when one record is read. */
    public record Entry(long id, Action action, String actor, String actedAt, String stage, String messageId,
            String leadId, String tenant, String failureReason, String failedAt, String properties, String body) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public DeadLetterAudit(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(Action action, String actor, String stage, Letter letter) {
        String properties;
        try {
            properties = json.writeValueAsString(letter.properties());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message properties cannot be written as JSON", e);
        }
        String reason = letter.failureReason();
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
        jdbc.update("INSERT INTO dead_letter_audit (action, actor, acted_at, stage, message_id, lead_id, tenant,"
                + " failure_reason, failed_at, properties, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                action.name(), actor, Timestamp.from(clock.instant()), stage, letter.messageId(), letter.leadId(),
                letter.tenant(), reason, letter.failedAt(), properties, letter.body());
    }

    /** The newest records first, optionally of one stage and/or one action; without properties and bodies. */
    public List<Entry> list(String stage, Action action, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, action, actor, acted_at, stage, message_id, lead_id, tenant,"
                + " failure_reason, failed_at FROM dead_letter_audit WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (stage != null) {
            sql.append(" AND stage = ?");
            args.add(stage);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action.name());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> entry(rs, false), args.toArray());
    }

    /** One record with the message's properties and body. */
    public Optional<Entry> find(long id) {
        return jdbc.query("SELECT * FROM dead_letter_audit WHERE id = ?", (rs, n) -> entry(rs, true), id)
                .stream().findFirst();
    }

    private static Entry entry(ResultSet rs, boolean full) throws SQLException {
        return new Entry(rs.getLong("id"), Action.valueOf(rs.getString("action")), rs.getString("actor"),
                rs.getTimestamp("acted_at").toInstant().toString(), rs.getString("stage"), rs.getString("message_id"),
                rs.getString("lead_id"), rs.getString("tenant"), rs.getString("failure_reason"), rs.getString("failed_at"),
                full ? rs.getString("properties") : null, full ? rs.getString("body") : null);
    }
}
