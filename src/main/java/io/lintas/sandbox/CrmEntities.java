package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of legacy CRM record (lead, contact, deal) kept in memory the way {@code crm.*.get}
 * shows it (contract A5): upper-case field names, every value a string, multifields as
 * {@code [{"ID","VALUE_TYPE","VALUE","TYPE_ID"}]}. Fields the contract does not list for the kind
 * are dropped, as the portal drops unknown fields, with a sandbox log line naming the field.
 */
final class CrmEntities {

    static final List<String> MULTIFIELDS = List.of("PHONE", "EMAIL", "WEB", "IM", "LINK");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Logger LOG = LoggerFactory.getLogger(CrmEntities.class);
    /** Set by the portal, never by a caller. */
    private static final Set<String> READ_ONLY = Set.of("ID", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID",
            "MODIFY_BY_ID", "IS_RETURN_CUSTOMER");

    final String type;
    private final Set<String> writable;
    private final Map<Long, ObjectNode> records = new LinkedHashMap<>();
    /** "PHONE:+628…" / "EMAIL:a@b.c" → ids, so a lookup does not scan every record (the bench makes many). */
    private final Map<String, java.util.Set<Long>> byCommunication = new java.util.HashMap<>();
    private final LongSupplier multifieldIds;
    private final Consumer<ObjectNode> defaults;
    private final java.util.Set<String> origins = new java.util.HashSet<>();
    private long duplicates;
    private long nextId = 1;

    /**
     * @param type          LEAD, CONTACT or DEAL (as crm.duplicate.findbycomm names them)
     * @param writable      the fields a caller may set (UF_CRM_* and ADDRESS* are always writable)
     * @param multifieldIds the portal-wide sequence of multifield value ids
     * @param defaults      fills what the portal fills on add (STATUS_ID, STAGE_ID, ...)
     */
    CrmEntities(String type, Set<String> writable, LongSupplier multifieldIds, Consumer<ObjectNode> defaults) {
        this.type = type;
        this.writable = writable;
        this.multifieldIds = multifieldIds;
        this.defaults = defaults;
    }

    int size() {
        return records.size();
    }

    /** Records added with the ORIGINATOR_ID and ORIGIN_ID of an earlier one. */
    long duplicates() {
        return duplicates;
    }

    ObjectNode get(long id) {
        return records.get(id);
    }

    Iterable<ObjectNode> all() {
        return records.values();
    }

    /** {@code crm.*.add}: the new record's id. */
    long add(JsonNode fields, Instant now, String method) {
        if (fields == null || !fields.isObject()) {
            throw PortalFailure.crm("Parameter 'fields' must be array.");
        }
        long id = nextId++;
        ObjectNode record = Params.NODES.objectNode();
        record.put("ID", Long.toString(id));
        write(record, fields, method);
        String date = DATE.format(now.atOffset(ZoneOffset.UTC));
        record.put("DATE_CREATE", date);
        record.put("DATE_MODIFY", date);
        record.put("CREATED_BY_ID", Bitrix24Portal.USER_ID);
        record.put("MODIFY_BY_ID", Bitrix24Portal.USER_ID);
        if (!record.hasNonNull("ASSIGNED_BY_ID")) {
            record.put("ASSIGNED_BY_ID", Bitrix24Portal.USER_ID);
        }
        defaults.accept(record);
        records.put(id, record);
        index(id, record, true);
        if (record.hasNonNull("ORIGIN_ID") && !origins.add(record.path("ORIGINATOR_ID").asText("") + "\u0000"
                + record.get("ORIGIN_ID").asText())) {
            duplicates++;
        }
        return id;
    }

    /** {@code crm.*.update}: only the given fields change; multifields follow the contract's rules. */
    void update(long id, JsonNode fields, Instant now, String method) {
        ObjectNode record = records.get(id);
        if (record == null) {
            throw PortalFailure.crm("Not found");
        }
        if (fields == null || !fields.isObject()) {
            throw PortalFailure.crm("Parameter 'fields' must be array.");
        }
        index(id, record, false);
        write(record, fields, method);
        index(id, record, true);
        record.put("DATE_MODIFY", DATE.format(now.atOffset(ZoneOffset.UTC)));
        record.put("MODIFY_BY_ID", Bitrix24Portal.USER_ID);
    }

    private void write(ObjectNode record, JsonNode fields, String method) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (MULTIFIELDS.contains(name)) {
                writeMultifield(record, name, value);
            } else if (READ_ONLY.contains(name)) {
                LOG.info("SANDBOX Bitrix24 {}: read-only field {} ignored", method, name);
            } else if (writable.contains(name) || name.startsWith("UF_CRM_") || name.startsWith("ADDRESS")) {
                if (value == null || value.isNull()) {
                    record.remove(name);
                } else if (value.isContainerNode()) {
                    ArrayNode list = record.putArray(name);
                    Params.items(value).forEach(v -> list.add(v.isContainerNode() ? v.toString() : v.asText()));
                } else {
                    record.put(name, scalar(name, value));
                }
            } else {
                // the portal drops what it does not know, silently; the sandbox says so in its log
                LOG.warn("SANDBOX Bitrix24 {}: unknown field '{}' dropped, as a real portal would (check the spelling)",
                        method, name.length() > 60 ? name.substring(0, 60) + "…" : name);
            }
        }
        if (record.has("CONTACT_IDS") && record.get("CONTACT_IDS").size() > 0 && !record.has("CONTACT_ID")) {
            record.put("CONTACT_ID", record.get("CONTACT_IDS").get(0).asText());
        }
    }

    private static String scalar(String name, JsonNode value) {
        String text = value.asText();
        if (name.equals("OPPORTUNITY")) {
            try {
                return new BigDecimal(text.strip()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            } catch (NumberFormatException e) {
                return "0.00";
            }
        }
        return text;
    }

    /**
     * An element without ID adds a value; with ID and VALUE it overwrites that value; with ID and
     * DELETE=Y, an empty VALUE or nothing else it deletes it (contract A5, crm.lead.update).
     */
    private void writeMultifield(ObjectNode record, String name, JsonNode value) {
        ArrayNode values = record.has(name) ? (ArrayNode) record.get(name) : Params.NODES.arrayNode();
        for (JsonNode item : Params.items(value)) {
            if (!item.isObject()) {
                continue;
            }
            String id = Params.text(item.get("ID"));
            String text = Params.text(item.get("VALUE"));
            String valueType = Params.text(item.get("VALUE_TYPE"));
            if (id == null) {
                if (text == null || text.isBlank()) {
                    continue;
                }
                ObjectNode entry = values.addObject();
                entry.put("ID", Long.toString(multifieldIds.getAsLong()));
                entry.put("VALUE_TYPE", valueType == null || valueType.isBlank() ? "WORK" : valueType.toUpperCase(Locale.ROOT));
                entry.put("VALUE", text);
                entry.put("TYPE_ID", name);
                continue;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).path("ID").asText().equals(id)) {
                    continue;
                }
                boolean delete = "Y".equalsIgnoreCase(Params.text(item.get("DELETE"))) || text == null || text.isEmpty();
                if (delete) {
                    values.remove(i);
                } else {
                    ObjectNode entry = (ObjectNode) values.get(i);
                    entry.put("VALUE", text);
                    if (valueType != null && !valueType.isBlank()) {
                        entry.put("VALUE_TYPE", valueType.toUpperCase(Locale.ROOT));
                    }
                }
                break;
            }
        }
        if (values.isEmpty()) {
            record.remove(name);
        } else {
            record.set(name, values);
        }
    }

    /** Ids of the records that have one of {@code values} in multifield {@code name} (PHONE or EMAIL), in id order. */
    List<Long> findByCommunication(String name, List<String> values) {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (String value : values) {
            ids.addAll(byCommunication.getOrDefault(communicationKey(name, value), java.util.Set.of()));
        }
        return new ArrayList<>(ids);
    }

    private void index(long id, ObjectNode record, boolean add) {
        for (String name : List.of("PHONE", "EMAIL")) {
            for (JsonNode entry : record.path(name)) {
                String key = communicationKey(name, entry.path("VALUE").asText());
                if (add) {
                    byCommunication.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(id);
                } else {
                    java.util.Set<Long> ids = byCommunication.get(key);
                    if (ids != null) {
                        ids.remove(id);
                    }
                }
            }
        }
    }

    /** Emails compare without case; phones as whole strings, only an extension ignored (contract A5). */
    private static String communicationKey(String name, String value) {
        return name + ":" + (name.equals("EMAIL") ? value.strip().toLowerCase(Locale.ROOT) : withoutExtension(value));
    }

    /** Phones are compared as whole strings, only an extension ignored (contract A5). */
    private static String withoutExtension(String phone) {
        String p = phone.strip();
        int ext = p.toLowerCase(Locale.ROOT).indexOf("ext");
        if (ext < 0) {
            ext = p.indexOf('#');
        }
        return (ext < 0 ? p : p.substring(0, ext)).strip();
    }
}
