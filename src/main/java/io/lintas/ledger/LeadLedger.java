package io.lintas.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.lead.Lead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The lead ledger in SQL: leads, their journeys, touches, contact keys and external ids.
 * Callers group writes in a transaction; every method here is one or a few statements.
 */
public class LeadLedger {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile JourneyListener listener = JourneyListener.NONE;
    private volatile TransactionOperations tx = TransactionOperations.withoutTransaction();

    public LeadLedger(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Tells {@code listener} of every journey entry, in the entry's transaction; {@link #advance} then runs
     * in one transaction of {@code tx} (it joins the caller's when there is one). Set once at start.
     */
    public void listen(JourneyListener listener, TransactionOperations tx) {
        this.listener = listener;
        this.tx = tx;
    }

    public boolean exists(String leadId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE id = ?", Integer.class, leadId);
        return n != null && n > 0;
    }

    /** The lead that already carries this sender event id, if any. */
    public Optional<String> findBySourceEvent(String tenant, String source, String sourceEventId) {
        return jdbc.queryForList("SELECT id FROM lead WHERE tenant = ? AND source = ? AND source_event_id = ?",
                String.class, tenant, source, sourceEventId).stream().findFirst();
    }

    /** The lead a REPEAT touch with this sender event id was folded into, if any (V3__calls.sql). */
    public Optional<String> findTouchedBySourceEvent(String tenant, String source, String sourceEventId) {
        return jdbc.queryForList("SELECT t.lead_id FROM lead_touch t JOIN lead l ON l.id = t.lead_id"
                        + " WHERE l.tenant = ? AND t.source = ? AND t.source_event_id = ? ORDER BY t.at, t.intake_id",
                String.class, tenant, source, sourceEventId).stream().findFirst();
    }

    /**
     * The oldest lead of this tenant received since {@code since} that shares a phone or email key.
     * One indexed lookup per key (equality on tenant and key, a range on the time): an {@code IN}
     * list over the key column made H2 scan every key of the tenant, so the cost grew with the ledger.
     */
    public Optional<String> findRecentByContactKeys(String tenant, List<String> keys, Instant since) {
        String oldestId = null;
        Instant oldestAt = null;
        for (String key : keys) {
            List<Map.Entry<Instant, String>> hits = jdbc.query("SELECT received_at, lead_id FROM lead_contact_key"
                            + " WHERE tenant = ? AND contact_key = ? AND received_at >= ?"
                            + " ORDER BY received_at, lead_id FETCH FIRST 1 ROWS ONLY",
                    (rs, i) -> Map.entry(instant(rs, "received_at"), rs.getString("lead_id")),
                    tenant, truncate(key, 330), Timestamp.from(since));
            for (Map.Entry<Instant, String> hit : hits) {
                int order = oldestAt == null ? -1 : hit.getKey().compareTo(oldestAt);
                if (order < 0 || order == 0 && hit.getValue().compareTo(oldestId) < 0) {
                    oldestAt = hit.getKey();
                    oldestId = hit.getValue();
                }
            }
        }
        return Optional.ofNullable(oldestId);
    }

    /**
     * Records a new lead with its payload, contact keys and first journey entries.
     *
     * @return the canonical lead JSON as stored
     */
    public String insert(Lead lead, String status, List<JourneyEntry> journey, String contentType, byte[] payload,
            List<String> contactKeys) {
        Instant now = clock.instant();
        String leadJson = toJson(lead);
        jdbc.update("INSERT INTO lead (id, tenant, channel, source, source_event_id, status, received_at, updated_at, lead_json)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lead.id(), lead.tenant(), lead.channel().name(), lead.source(), lead.sourceEventId(), status,
                Timestamp.from(lead.receivedAt()), Timestamp.from(now), leadJson);
        jdbc.update("INSERT INTO lead_payload (lead_id, content_type, body) VALUES (?, ?, ?)",
                lead.id(), truncate(contentType, 255), payload == null ? new byte[0] : payload);
        for (String key : contactKeys) {
            jdbc.update("INSERT INTO lead_contact_key (tenant, contact_key, lead_id, received_at) VALUES (?, ?, ?, ?)",
                    lead.tenant(), truncate(key, 330), lead.id(), Timestamp.from(lead.receivedAt()));
        }
        for (JourneyEntry entry : journey) {
            appendJourney(lead.id(), entry);
        }
        return leadJson;
    }

    /** Folds another intake into an existing lead: a touch and a journey entry. Idempotent per intake id. */
    public void touch(String leadId, String intakeId, String kind, Instant at, String detail) {
        touch(leadId, intakeId, kind, at, detail, null, null);
    }

    /**
     * As {@link #touch(String, String, String, Instant, String)}, remembering the sender event the
     * intake carried, so the same event delivered again is found by {@link #findTouchedBySourceEvent}.
     */
    public void touch(String leadId, String intakeId, String kind, Instant at, String detail, String source,
            String sourceEventId) {
        Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM lead_touch WHERE intake_id = ?", Integer.class, intakeId);
        if (seen != null && seen > 0) {
            return;
        }
        jdbc.update("INSERT INTO lead_touch (intake_id, lead_id, kind, at, source, source_event_id) VALUES (?, ?, ?, ?, ?, ?)",
                intakeId, leadId, kind, Timestamp.from(at), source, truncate(sourceEventId, 255));
        appendJourney(leadId, new JourneyEntry(at, kind, detail));
    }

    /** Moves a lead to a new status and records it on the journey. */
    public void advance(String leadId, String status, String detail) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE lead SET status = ?, updated_at = ? WHERE id = ?", status, Timestamp.from(now), leadId);
            appendJourney(leadId, new JourneyEntry(now, status, detail));
        });
    }

    /** Adds an entry to the lead's journey without changing its status (a side note: an order not billed, ...). */
    public void note(String leadId, String status, String detail) {
        appendJourney(leadId, new JourneyEntry(clock.instant(), status, detail));
    }

    /**
     * Leads that have stood in {@code status} since before {@code before} (oldest first): a hand-off between stages
     * that never arrived leaves its lead there (see io.lintas.flow.StuckLeads).
     */
    public List<String> standingSince(String status, Instant before, int limit) {
        return jdbc.queryForList("SELECT id FROM lead WHERE status = ? AND updated_at < ? ORDER BY updated_at LIMIT ?",
                String.class, status, Timestamp.from(before), limit);
    }

    /** Notes on the journey that the lead was handed to its stage again, and restarts its standing time. */
    public void rehanded(String leadId, String detail) {
        jdbc.update("UPDATE lead SET updated_at = ? WHERE id = ?", Timestamp.from(clock.instant()), leadId);
        appendJourney(leadId, new JourneyEntry(clock.instant(), LeadStatus.REHANDED, detail));
    }

    /** Whether the lead's journey has an entry with this status. */
    public boolean journeyHas(String leadId, String status) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM lead_journey WHERE lead_id = ? AND status = ?", Integer.class,
                leadId, status);
        return n != null && n > 0;
    }

    /** Records an id another system gave the lead (a CRM lead id, a task key, ...). */
    public void addExternalRef(String leadId, String system, String kind, String externalId) {
        jdbc.update("INSERT INTO lead_external_ref (lead_id, system, kind, external_id, at) VALUES (?, ?, ?, ?, ?)",
                leadId, system, kind, externalId, Timestamp.from(clock.instant()));
    }

    /** The id another system gave the lead for one kind of record (its CRM lead, its task, ...), if any. */
    public Optional<String> externalRef(String leadId, String system, String kind) {
        return jdbc.queryForList("SELECT external_id FROM lead_external_ref WHERE lead_id = ? AND system = ? AND kind = ?",
                String.class, leadId, system, kind).stream().findFirst();
    }

    /** Every id other systems gave the lead, by {@code system:kind}. */
    public java.util.Map<String, String> externalRefs(String leadId) {
        java.util.Map<String, String> refs = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT system, kind, external_id FROM lead_external_ref WHERE lead_id = ? ORDER BY at",
                rs -> {
                    refs.put(rs.getString("system") + ":" + rs.getString("kind"), rs.getString("external_id"));
                }, leadId);
        return refs;
    }

    /** The lead with this id, or the lead an intake with this id was folded into. */
    public Optional<StoredLead> find(String id) {
        List<StoredLead> found = jdbc.query("SELECT * FROM lead WHERE id = ?", this::mapLead, id);
        if (found.isEmpty()) {
            found = jdbc.query("SELECT l.* FROM lead l JOIN lead_touch t ON t.lead_id = l.id WHERE t.intake_id = ?",
                    this::mapLead, id);
        }
        return found.stream().findFirst().map(this::withDetails);
    }

    /** The lead's canonical JSON, for handing on to the next stage. */
    public Optional<String> leadJson(String id) {
        return jdbc.queryForList("SELECT lead_json FROM lead WHERE id = ?", String.class, id).stream().findFirst();
    }

    /**
     * A page of leads, newest first, without journeys.
     *
     * @param tenant  tenant id, or null for every tenant
     * @param status  latest status, or null for any
     * @param since   received at or after, or null
     * @param before  keyset cursor: only leads with a smaller id, or null for the first page
     * @param limit   page size
     */
    public List<StoredLead> list(String tenant, String status, Instant since, String before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM lead WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (tenant != null) {
            sql.append(" AND tenant = ?");
            args.add(tenant);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (since != null) {
            sql.append(" AND received_at >= ?");
            args.add(Timestamp.from(since));
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::mapLead, args.toArray());
    }

    private void appendJourney(String leadId, JourneyEntry entry) {
        jdbc.update("INSERT INTO lead_journey (lead_id, at, status, detail) VALUES (?, ?, ?, ?)",
                leadId, Timestamp.from(entry.at()), entry.status(), truncate(entry.detail(), 2000));
        listener.appended(leadId, entry);
    }

    private StoredLead withDetails(StoredLead lead) {
        List<JourneyEntry> journey = jdbc.query("SELECT at, status, detail FROM lead_journey WHERE lead_id = ? ORDER BY id",
                (rs, i) -> new JourneyEntry(instant(rs, "at"), rs.getString("status"), rs.getString("detail")), lead.id());
        List<StoredLead.Touch> touches = jdbc.query("SELECT intake_id, kind, at FROM lead_touch WHERE lead_id = ? ORDER BY at, intake_id",
                (rs, i) -> new StoredLead.Touch(rs.getString("intake_id"), rs.getString("kind"), instant(rs, "at")), lead.id());
        List<StoredLead.ExternalRef> refs = jdbc.query(
                "SELECT system, kind, external_id, at FROM lead_external_ref WHERE lead_id = ? ORDER BY at",
                (rs, i) -> new StoredLead.ExternalRef(rs.getString("system"), rs.getString("kind"),
                        rs.getString("external_id"), instant(rs, "at")), lead.id());
        return new StoredLead(lead.id(), lead.tenant(), lead.status(), lead.receivedAt(), lead.updatedAt(), lead.lead(),
                journey, touches, refs);
    }

    private StoredLead mapLead(ResultSet rs, int row) throws SQLException {
        JsonNode leadJson;
        try {
            leadJson = json.readTree(rs.getString("lead_json"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger row " + rs.getString("id") + " holds unreadable JSON", e);
        }
        return new StoredLead(rs.getString("id"), rs.getString("tenant"), rs.getString("status"),
                instant(rs, "received_at"), instant(rs, "updated_at"), leadJson, List.of(), List.of(), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private String toJson(Lead lead) {
        try {
            return json.writeValueAsString(lead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead " + lead.id() + " cannot be written as JSON", e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
