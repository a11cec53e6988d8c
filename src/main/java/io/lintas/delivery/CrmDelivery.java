package io.lintas.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.connector.bitrix24.PortalBatcher.Outcome;
import io.lintas.lead.Lead;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.routing.RoundRobinPositions;
import io.lintas.tenant.Bitrix24Config;
import io.lintas.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a lead into the tenant's Bitrix24, exactly once, following the service-request process: a
 * known customer's request becomes a deal on their contact (or company) with a timeline comment; a
 * new person's becomes a lead for a manager. A lead that came from the portal is only linked.
 *
 * <p>Exactly once: the ledger's external ref is checked first (a redelivery after the ref was written
 * makes no call). Every attempt that does reach the portal first looks for a record we wrote for this
 * lead ({@code ORIGINATOR_ID=lintas}, {@code ORIGIN_ID=<lead id>}), in the same batch as the duplicate
 * lookups, so a create whose answer was lost (timeout, 5xx, crash) is found, not repeated.
 */
public class CrmDelivery {

    public static final String SYSTEM = "bitrix24";

    private final LeadLedger ledger;
    private final PortalBatcher batcher;
    private final RoundRobinPositions positions;

    public CrmDelivery(LeadLedger ledger, PortalBatcher batcher, RoundRobinPositions positions) {
        this.ledger = ledger;
        this.batcher = batcher;
        this.positions = positions;
    }

    /** What the delivery did. {@code kind} is lead, deal or none. */
    public record Delivered(String kind, String id, boolean created, String detail) {
        static final Delivered NOWHERE = new Delivered("none", null, false, "the tenant has no CRM");
    }

    /**
     * @throws Bitrix24Failure.Transient to be retried later (the portal is busy, slow or down)
     * @throws Bitrix24Failure.Permanent when retrying cannot help (a bad field, no access)
     */
    public Delivered deliver(Tenant tenant, Lead lead) {
        if (!tenant.crm().delivers()) {
            return Delivered.NOWHERE;
        }
        Map<String, String> refs = ledger.externalRefs(lead.id());
        for (String kind : List.of("lead", "deal")) {
            String known = refs.get(SYSTEM + ":" + kind);
            if (known != null) {
                return new Delivered(kind, known, false, "Bitrix24 " + kind + " " + known + " already recorded");
            }
        }
        String cameFrom = lead.attributes().get("bitrix24.id");
        if ("bitrix24".equals(lead.source()) && cameFrom != null) {
            String kind = lead.attributes().getOrDefault("bitrix24.entity", "LEAD").toLowerCase(Locale.ROOT);
            return record(lead, new Delivered(kind, cameFrom, false,
                    "linked to Bitrix24 " + kind + " " + cameFrom + " it came from (not created again)"));
        }
        Bitrix24Config portal = tenant.bitrix24();
        PortalBatcher.Portal target = new PortalBatcher.Portal(portal.portalKey(), portal.webhookUrl(), portal.ratePlan());

        Outcome found = batcher.submit(target, Bitrix24LeadCommands.lookups(lead));
        for (Command lookup : Bitrix24LeadCommands.lookups(lead)) {
            Bitrix24Batch.Error error = found.error(lookup.key());
            if (error != null) {
                throw PortalBatcher.failure(lookup.method(), error);
            }
        }
        Optional<String> ourLead = firstListed(found.result(Bitrix24LeadCommands.key(lead, "ol")));
        if (ourLead.isPresent()) {
            return record(lead, new Delivered("lead", ourLead.get(), false,
                    "Bitrix24 lead " + ourLead.get() + " found by ORIGIN_ID (an earlier attempt created it)"));
        }
        Optional<String> ourDeal = firstListed(found.result(Bitrix24LeadCommands.key(lead, "od")));
        if (ourDeal.isPresent()) {
            return record(lead, new Delivered("deal", ourDeal.get(), false,
                    "Bitrix24 deal " + ourDeal.get() + " found by ORIGIN_ID (an earlier attempt created it)"));
        }
        String contact = firstMatch(found, lead, "CONTACT", "cp", "ce");
        String company = contact == null ? firstMatch(found, lead, "COMPANY", "op", "oe") : null;
        String responsible = tenant.routing().managerFor(tenant.id(), lead.id(), positions);
        if (responsible == null) {
            responsible = tenant.crm().responsible();
        }
        if (contact != null || company != null) {
            List<Command> chain = Bitrix24LeadCommands.addDeal(lead, tenant.crm(), responsible, contact, company);
            Outcome made = batcher.submit(target, chain);
            String deal = created(made, chain.get(0));
            Bitrix24Batch.Error noteError = made.error(chain.get(1).key());
            if (contact != null) {
                addRef(lead.id(), "contact", contact);
            } else {
                addRef(lead.id(), "company", company);
            }
            return record(lead, new Delivered("deal", deal, true, "Bitrix24 deal " + deal + " created for known "
                    + (contact != null ? "contact " + contact : "company " + company)
                    + responsibleText(responsible)
                    + (noteError == null ? ", timeline comment added" : ", timeline comment failed: "
                            + noteError.error() + " " + noteError.description())));
        }
        String earlierLead = firstMatch(found, lead, "LEAD", "lp", "le");
        Command add = Bitrix24LeadCommands.addLead(lead, tenant.crm(), responsible);
        String id = created(batcher.submit(target, List.of(add)), add);
        return record(lead, new Delivered("lead", id, true, "Bitrix24 lead " + id + " created" + responsibleText(responsible)
                + (earlierLead == null ? "" : " (the portal has an earlier lead " + earlierLead + " of this person)")));
    }

    private Delivered record(Lead lead, Delivered delivered) {
        addRef(lead.id(), delivered.kind(), delivered.id());
        ledger.advance(lead.id(), LeadStatus.IN_CRM, delivered.detail());
        return delivered;
    }

    private void addRef(String leadId, String kind, String id) {
        if (ledger.externalRef(leadId, SYSTEM, kind).isEmpty()) {
            ledger.addExternalRef(leadId, SYSTEM, kind, id);
        }
    }

    private static String created(Outcome outcome, Command add) {
        Bitrix24Batch.Error error = outcome.error(add.key());
        if (error != null) {
            throw PortalBatcher.failure(add.method(), error);
        }
        JsonNode id = outcome.result(add.key());
        if (id == null || !(id.isNumber() || id.isTextual()) || id.asText().isBlank() || id.asText().equals("0")) {
            // the call ran but said nothing usable: unclear, so the next attempt looks it up by ORIGIN_ID
            throw new Bitrix24Failure.Transient(add.method(), 200, "", "no id in the answer: " + id, null);
        }
        return id.asText();
    }

    /** The first id of a list answer ({@code [{"ID":"5"}]}), if any. */
    static Optional<String> firstListed(JsonNode list) {
        if (list != null && list.isArray() && !list.isEmpty()) {
            String id = list.get(0).path("ID").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        }
        return Optional.empty();
    }

    /** The first id of a findbycomm answer for the entity type, phone lookup first; {@code []} means none. */
    private static String firstMatch(Outcome found, Lead lead, String entity, String... suffixes) {
        for (String suffix : suffixes) {
            JsonNode answer = found.result(Bitrix24LeadCommands.key(lead, suffix));
            if (answer != null && answer.isObject()) {
                JsonNode ids = answer.path(entity);
                if (ids.isArray() && !ids.isEmpty()) {
                    List<Long> sorted = new ArrayList<>();
                    ids.forEach(i -> sorted.add(i.asLong()));
                    return Long.toString(sorted.get(0));
                }
            }
        }
        return null;
    }

    private static String responsibleText(String responsible) {
        return responsible == null ? "" : ", responsible " + responsible;
    }
}
