package io.lintas.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.billing.InvoiceListener;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.JourneyListener;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lifecycle outbox (V9__lifecycle.sql): each ledger change analytics should hear of becomes a row,
 * written by the ledger's own JdbcTemplate inside the change's transaction; the relay
 * (routes/lifecycle-outbox.camel.yaml) takes due rows in write order, sends them to Kafka and deletes
 * them once acknowledged. Kafka being down never stops a lead: the rows wait.
 *
 * <p>Event JSON: schema/lifecycle-event-v1.schema.json. Record key: the lead id; for an invoice event
 * the invoice's lead id, or the invoice id when it has no lead (made through the API).
 */
public class LifecycleOutbox implements JourneyListener, InvoiceListener {

    public static final String SPEC_VERSION = "1.0";

    /** A row taken for one send (leased: other instances leave it alone until the lease ends). */
    public record Pending(long seq, String id, String key, String type, String body, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Duration lease;

    public LifecycleOutbox(JdbcTemplate jdbc, ObjectMapper json, Clock clock, Supplier<String> ids, Duration lease) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
        this.lease = lease;
    }

    // --- writing: called by the ledgers, inside their transaction -----------------------------------

    @Override
    public void appended(String leadId, JourneyEntry entry) {
        LifecycleEventType.ofJourney(entry.status()).ifPresent(type -> {
            List<String[]> found = jdbc.query("SELECT tenant, channel, source FROM lead WHERE id = ?",
                    (rs, i) -> new String[] {rs.getString("tenant"), rs.getString("channel"), rs.getString("source")}, leadId);
            if (found.isEmpty()) {
                throw new IllegalStateException("journey entry for lead " + leadId + " which is not in the ledger");
            }
            ObjectNode data = json.createObjectNode();
            data.put("status", entry.status());
            data.put("detail", entry.detail());
            data.put("channel", found.get(0)[1]);
            data.put("source", found.get(0)[2]);
            write(type, entry.at(), found.get(0)[0], leadId, null, leadId, data);
        });
    }

    @Override
    public void changed(String invoiceId, Change change) {
        List<Object[]> found = jdbc.query("SELECT tenant, lead_id, deal_id, provider, status, amount, amount_paid, currency"
                + " FROM invoice WHERE id = ?", (rs, i) -> {
                    ObjectNode data = json.createObjectNode();
                    data.put("status", rs.getString("status"));
                    data.put("provider", rs.getString("provider"));
                    data.put("amount", plain(rs.getBigDecimal("amount")));
                    data.put("amountPaid", plain(rs.getBigDecimal("amount_paid")));
                    data.put("currency", rs.getString("currency"));
                    data.put("dealId", rs.getString("deal_id"));
                    return new Object[] {rs.getString("tenant"), rs.getString("lead_id"), data};
                }, invoiceId);
        if (found.isEmpty()) {
            throw new IllegalStateException("invoice " + invoiceId + " changed but is not in the ledger");
        }
        String tenant = (String) found.get(0)[0];
        String leadId = (String) found.get(0)[1];
        write(LifecycleEventType.ofInvoice(change), clock.instant(), tenant, leadId, invoiceId,
                leadId != null ? leadId : invoiceId, (ObjectNode) found.get(0)[2]);
    }

    private void write(LifecycleEventType type, Instant at, String tenant, String leadId, String invoiceId, String key,
            ObjectNode data) {
        String id = ids.get();
        ObjectNode event = json.createObjectNode();
        event.put("specVersion", SPEC_VERSION);
        event.put("type", type.type());
        event.put("id", id);
        event.put("occurredAt", at.toString());
        event.put("tenant", tenant);
        event.put("leadId", leadId);
        event.put("invoiceId", invoiceId);
        event.set("data", data);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lifecycle event " + type.type() + " cannot be written as JSON", e);
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO lifecycle_outbox (id, event_key, event_type, tenant, body, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?, ?)", id, key, type.type(), tenant, body, now, now);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    // --- relaying: called by routes/lifecycle-outbox.camel.yaml ---------------------------------------

    /**
     * Takes up to {@code limit} due events, oldest first: each is leased for the lease time, so another
     * instance polling meanwhile leaves it alone (a row it also read is taken by whoever updates it first).
     */
    public List<Pending> take(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp leasedUntil = Timestamp.from(clock.instant().plus(lease));
        List<Pending> due = jdbc.query("SELECT seq, id, event_key, event_type, body, attempts FROM lifecycle_outbox"
                        + " WHERE next_attempt_at <= ? ORDER BY seq LIMIT ?",
                (rs, i) -> new Pending(rs.getLong("seq"), rs.getString("id"), rs.getString("event_key"),
                        rs.getString("event_type"), rs.getString("body"), rs.getInt("attempts")),
                now, limit);
        List<Pending> taken = new ArrayList<>(due.size());
        for (Pending p : due) {
            if (jdbc.update("UPDATE lifecycle_outbox SET next_attempt_at = ? WHERE seq = ? AND attempts = ? AND next_attempt_at <= ?",
                    leasedUntil, p.seq(), p.attempts(), now) == 1) {
                taken.add(p);
            }
        }
        return taken;
    }

    /** Kafka acknowledged them: they leave the outbox. */
    public void published(List<Pending> sent) {
        jdbc.batchUpdate("DELETE FROM lifecycle_outbox WHERE seq = ?", sent, 500, (ps, p) -> ps.setLong(1, p.seq()));
    }

    /** The send failed (Kafka down, a timeout): they are due again at once, for the next poll. */
    public void failed(List<Pending> batch, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        String reason = error == null ? null : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        jdbc.batchUpdate("UPDATE lifecycle_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?",
                batch, 500, (ps, p) -> {
                    ps.setString(1, reason);
                    ps.setTimestamp(2, now);
                    ps.setLong(3, p.seq());
                });
    }

    /** Events not yet on Kafka. */
    public int waiting() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM lifecycle_outbox", Integer.class);
        return n == null ? 0 : n;
    }
}
