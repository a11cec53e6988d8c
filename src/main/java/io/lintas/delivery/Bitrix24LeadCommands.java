package io.lintas.delivery;

import io.lintas.connector.bitrix24.Bitrix24Batch;

import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.intake.Bitrix24RecordMapper;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.lead.Utm;
import io.lintas.tenant.CrmConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Bitrix24 commands that deliver one lead (contract A5): the lookups (our own earlier write by
 * ORIGINATOR_ID/ORIGIN_ID, then {@code crm.duplicate.findbycomm} by phone then email, CONTACT,
 * LEAD, COMPANY) and the creates (a lead, or a deal on a known customer with a timeline comment
 * chained to it by {@code $result}). Keys start with the lead id, so chains of many leads share
 * one {@code batch}.
 */
public final class Bitrix24LeadCommands {

    /** What Lintas writes to ORIGINATOR_ID; the CRM-event intake skips records carrying it. */
    public static final String ORIGINATOR = Bitrix24RecordMapper.ORIGINATOR;
    /** findbycomm takes at most 20 values. */
    static final int MAX_VALUES = 20;
    static final int MAX_COMMENTS = 4000;

    /** Lookup suffixes in the order their answers are read: CONTACT, then LEAD, then COMPANY; phone before email. */
    static final List<String[]> LOOKUPS = List.of(
            new String[] {"cp", "CONTACT", "PHONE"}, new String[] {"ce", "CONTACT", "EMAIL"},
            new String[] {"lp", "LEAD", "PHONE"}, new String[] {"le", "LEAD", "EMAIL"},
            new String[] {"op", "COMPANY", "PHONE"}, new String[] {"oe", "COMPANY", "EMAIL"});

    private Bitrix24LeadCommands() {
    }

    /** The key prefix of a lead's commands: its id, kept to what a batch key allows. */
    public static String prefix(String leadId) {
        String p = leadId.replaceAll("[^A-Za-z0-9_]", "_");
        return p.length() > 40 ? p.substring(p.length() - 40) : p;
    }

    public static String key(Lead lead, String suffix) {
        return prefix(lead.id()) + "_" + suffix;
    }

    /** Did we create it already? Then where does this person stand in the CRM? */
    public static List<Command> lookups(Lead lead) {
        List<Command> commands = new ArrayList<>();
        commands.add(new Command(key(lead, "ol"), "crm.lead.list", byOrigin(lead.id())));
        commands.add(new Command(key(lead, "od"), "crm.deal.list", byOrigin(lead.id())));
        Contact contact = lead.contact();
        for (String[] lookup : LOOKUPS) {
            List<String> values = lookup[2].equals("PHONE") ? contact.phones() : contact.emails();
            if (!values.isEmpty()) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("entity_type", lookup[1]);
                params.put("type", lookup[2]);
                params.put("values", values.size() > MAX_VALUES ? values.subList(0, MAX_VALUES) : values);
                commands.add(new Command(key(lead, lookup[0]), "crm.duplicate.findbycomm", params));
            }
        }
        return commands;
    }

    /** {@code {"filter":{"ORIGINATOR_ID":"lintas","ORIGIN_ID":"<lead id>"},"select":["ID"]}}. */
    public static Map<String, Object> byOrigin(String leadId) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("ORIGINATOR_ID", ORIGINATOR);
        filter.put("ORIGIN_ID", leadId);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("filter", filter);
        params.put("select", List.of("ID"));
        return params;
    }

    /** A new lead for a new person. */
    public static Command addLead(Lead lead, CrmConfig crm, String responsible) {
        Contact c = lead.contact();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TITLE", title(lead));
        put(fields, "NAME", c.firstName() != null ? c.firstName() : c.fullName());
        put(fields, "LAST_NAME", c.lastName());
        put(fields, "COMPANY_TITLE", c.company());
        if (!c.phones().isEmpty()) {
            fields.put("PHONE", multifield(c.phones()));
        }
        if (!c.emails().isEmpty()) {
            fields.put("EMAIL", multifield(c.emails()));
        }
        common(fields, lead, crm, responsible);
        return new Command(key(lead, "lead"), "crm.lead.add", withParams(fields));
    }

    /**
     * A deal on a known customer (contact, or company when only the company is known), and a timeline
     * comment on that deal, chained by {@code $result}: the customer wrote again.
     */
    public static List<Command> addDeal(Lead lead, CrmConfig crm, String responsible, String contactId, String companyId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TITLE", title(lead));
        fields.put("CATEGORY_ID", crm.dealCategory());
        put(fields, "STAGE_ID", crm.dealStage());
        if (contactId != null) {
            fields.put("CONTACT_IDS", List.of(contactId));
        }
        put(fields, "COMPANY_ID", companyId);
        common(fields, lead, crm, responsible);
        String dealKey = key(lead, "deal");
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("ENTITY_ID", Bitrix24Batch.ref(dealKey));
        comment.put("ENTITY_TYPE", "deal");
        comment.put("COMMENT", "A known customer wrote again via " + lead.source() + " ("
                + lead.channel().name().toLowerCase(Locale.ROOT) + ")"
                + (contactId != null ? ", contact " + contactId : ", company " + companyId)
                + (present(lead.message()) ? ":\n" + clip(lead.message().strip(), MAX_COMMENTS) : ".")
                + "\nLintas lead " + lead.id());
        return List.of(new Command(dealKey, "crm.deal.add", withParams(fields)),
                new Command(key(lead, "note"), "crm.timeline.comment.add", Map.of("fields", comment)));
    }

    static String title(Lead lead) {
        Contact c = lead.contact();
        String who = firstPresent(c.fullName(), join(c.firstName(), c.lastName()), c.company(),
                c.phones().isEmpty() ? null : c.phones().get(0), c.emails().isEmpty() ? null : c.emails().get(0));
        String title = (who == null ? "New request" : who) + " via " + lead.source();
        return clip(title, 255);
    }

    private static void common(Map<String, Object> fields, Lead lead, CrmConfig crm, String responsible) {
        fields.put("SOURCE_ID", crm.sourceId(lead.channel()));
        fields.put("SOURCE_DESCRIPTION", "Lintas: " + lead.channel().name().toLowerCase(Locale.ROOT) + " via " + lead.source());
        put(fields, "COMMENTS", lead.message() == null ? null : clip(lead.message().strip(), MAX_COMMENTS));
        Utm utm = lead.utm();
        BiConsumer<String, String> tag = (name, value) -> put(fields, name, value);
        tag.accept("UTM_SOURCE", utm.source());
        tag.accept("UTM_MEDIUM", utm.medium());
        tag.accept("UTM_CAMPAIGN", utm.campaign());
        tag.accept("UTM_CONTENT", utm.content());
        tag.accept("UTM_TERM", utm.term());
        if (lead.order() != null) {                       // what the person asks to buy: the record's amount
            fields.put("OPPORTUNITY", lead.order().total().toPlainString());
            put(fields, "CURRENCY_ID", lead.order().currency());
        }
        put(fields, "ASSIGNED_BY_ID", responsible);
        fields.put("ORIGINATOR_ID", ORIGINATOR);
        fields.put("ORIGIN_ID", lead.id());
    }

    private static Map<String, Object> withParams(Map<String, Object> fields) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fields", fields);
        params.put("params", Map.of("REGISTER_SONET_EVENT", "Y"));
        return params;
    }

    private static List<Map<String, String>> multifield(List<String> values) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String v : values) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("VALUE", v);
            item.put("VALUE_TYPE", "WORK");
            out.add(item);
        }
        return out;
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (present(value)) {
            fields.put(name, value.strip());
        }
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
        return s.isEmpty() ? null : s;
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (present(v)) {
                return v.strip();
            }
        }
        return null;
    }

    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
