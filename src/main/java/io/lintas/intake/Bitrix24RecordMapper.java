package io.lintas.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.lead.Channel;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.lead.RawLead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a fetched Bitrix24 record ({@code crm.lead.get} / {@code crm.deal.get} result: upper-case
 * fields, string values, PHONE/EMAIL as multifield arrays) into the envelope the lead pipeline takes.
 *
 * <ul>
 *   <li>A lead is a Lintas lead, keyed {@code LEAD:<id>}: the first event seen of it creates it,
 *       the same add again is a duplicate, later updates are journey entries on it.</li>
 *   <li>A deal is never a new lead: when it came from a lead Lintas knows ({@code LEAD_ID}) it is a
 *       journey entry on that lead; otherwise it is kept as skipped, with the record, for billing.</li>
 *   <li>A record Lintas wrote itself ({@code ORIGINATOR_ID = lintas}, {@code ORIGIN_ID} = the Lintas
 *       lead id) is an echo of our own write: kept as skipped, never a new lead.</li>
 * </ul>
 */
public class Bitrix24RecordMapper {

    /** What Lintas writes to ORIGINATOR_ID on records it creates. */
    public static final String ORIGINATOR = "lintas";

    private static final List<String> UTM = List.of("UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM");
    /** Record fields mapped elsewhere, or of no use downstream. */
    private static final List<String> MAPPED = List.of("ID", "NAME", "LAST_NAME", "PHONE", "EMAIL", "COMPANY_TITLE",
            "COMMENTS");

    private final LeadNormalizer normalizer;

    public Bitrix24RecordMapper(LeadNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /**
     * The intake queue's message group for the envelope: the same as a web form's for the same
     * person (tenant and a hash of the primary phone or email), so the pipeline sees them in turn.
     */
    public String group(IntakeEnvelope envelope, String region) {
        LeadOrigin origin = new LeadOrigin(envelope.id(), envelope.tenant(), envelope.channel(), envelope.source(),
                envelope.sourceEventId(), envelope.receivedAt(), null);
        return FormIntake.group(normalizer.normalize(origin, envelope.raw(), region));
    }

    /**
     * @param event        the verified event
     * @param record       the {@code result} of the get call
     * @param recordJson   the exact answer, kept as the payload
     * @param knownKey     whether a source event id of this tenant's Bitrix24 intake is in the ledger
     */
    public IntakeEnvelope toEnvelope(CrmEvent event, JsonNode record, byte[] recordJson, Predicate<String> knownKey) {
        String entity = event.entity();
        String recordKey = entity + ":" + event.entityId();
        String occurrence = recordKey + ":" + event.event() + ":" + event.ts();
        String endpoint = event.event() + " " + entity.toLowerCase(Locale.ROOT) + " " + event.entityId()
                + stage(record);
        RawLead raw = raw(event, record);
        String originator = text(record, "ORIGINATOR_ID");
        if (originator != null && originator.equalsIgnoreCase(ORIGINATOR)) {
            String origin = text(record, "ORIGIN_ID");
            return envelope(event, endpoint, occurrence, raw, recordJson, List.of(),
                    "written by Lintas" + (origin == null ? "" : " for lead " + safe(origin))
                            + "; an echo of our own write, not a new lead");
        }
        if (entity.equals("LEAD")) {
            if (!event.event().equals("ONCRMLEADADD") && knownKey.test(recordKey)) {
                // a change of a lead Lintas has: this occurrence joins its journey (sent again: a duplicate)
                return envelope(event, endpoint, occurrence, raw, recordJson, List.of(recordKey), null);
            }
            return envelope(event, endpoint, recordKey, raw, recordJson, List.of(), null); // the first seen of it
        }
        String leadId = text(record, "LEAD_ID");
        String leadKey = leadId == null || leadId.equals("0") ? null : "LEAD:" + leadId;
        if (leadKey != null && knownKey.test(leadKey)) {
            return envelope(event, endpoint, occurrence, raw, recordJson, List.of(leadKey), null);
        }
        return envelope(event, endpoint, occurrence, raw, recordJson, List.of(),
                "deal not linked to a lead Lintas knows; kept for billing");
    }

    private static IntakeEnvelope envelope(CrmEvent event, String endpoint, String sourceEventId, RawLead raw,
            byte[] payload, List<String> relatesTo, String skipReason) {
        return new IntakeEnvelope(event.id(), event.tenant(), Channel.CRM, event.source(), endpoint, sourceEventId,
                event.receivedAt(), raw, null, "application/json", payload, relatesTo, null, skipReason);
    }

    static RawLead raw(CrmEvent event, JsonNode record) {
        List<String> phones = multifield(record, "PHONE");
        List<String> emails = multifield(record, "EMAIL");
        Map<String, String> utm = new LinkedHashMap<>();
        for (String tag : UTM) {
            String value = text(record, tag);
            if (value != null) {
                utm.put(tag.toLowerCase(Locale.ROOT), value);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("bitrix24.entity", event.entity());
        attributes.put("bitrix24.id", event.entityId());
        attributes.put("bitrix24.event", event.event());
        attributes.put("bitrix24.domain", event.domain());
        record.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!MAPPED.contains(name) && !UTM.contains(name) && value.isValueNode() && !value.isNull()
                    && !value.asText().isEmpty()) {
                attributes.put(name, value.asText());
            }
        });
        return new RawLead(null, text(record, "NAME"), text(record, "LAST_NAME"), phones, emails,
                text(record, "COMPANY_TITLE"), text(record, "COMMENTS"), utm, null, attributes);
    }

    /** The VALUEs of a multifield ({@code [{"ID":"1","VALUE_TYPE":"WORK","VALUE":"+62…","TYPE_ID":"PHONE"}]}). */
    static List<String> multifield(JsonNode record, String field) {
        List<String> values = new ArrayList<>();
        JsonNode items = record.path(field);
        if (items.isArray()) {
            for (JsonNode item : items) {
                String value = item.path("VALUE").asText("");
                if (!value.isBlank()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static String stage(JsonNode record) {
        String stage = text(record, "STAGE_ID");
        return stage == null ? "" : ", stage " + safe(stage);
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String s = value.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** A value shown in a journey line: short, one line. */
    private static String safe(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() <= 64 ? line : line.substring(0, 64) + "…";
    }
}
