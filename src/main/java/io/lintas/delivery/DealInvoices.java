package io.lintas.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.billing.Billing;
import io.lintas.billing.Customer;
import io.lintas.billing.InvoiceRequest;
import io.lintas.billing.InvoiceRequests;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.connector.bitrix24.PortalBatcher.Outcome;
import io.lintas.lead.EmailNormalizer;
import io.lintas.lead.PhoneNormalizer;
import io.lintas.ledger.FollowUpMarkers;
import io.lintas.ledger.LeadLedger;
import io.lintas.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Bitrix24 deal in the tenant's invoice stage ({@code billing.invoice-stage}) asks for an invoice: its product
 * rows ({@code crm.deal.productrows.get}) and its contact ({@code crm.contact.get}) are fetched in one batch through
 * the portal's {@link PortalBatcher} (the shared per-portal limiter), and {@link InvoiceRequests#fromDeal} turns
 * them into the request for {@code lintas.billing}.
 *
 * <p>Exactly once per deal and stage: the request key is {@code deal:<ID>:<STAGE_ID>}; a key the tenant was billed
 * for already makes no call and no request (billing's unique (tenant, request_key) also stops a race).
 */
public class DealInvoices {

    private final Billing billing;
    private final PortalBatcher batcher;
    private final LeadLedger ledger;
    private final FollowUpMarkers claims;
    private final Supplier<String> ids;

    public DealInvoices(Billing billing, PortalBatcher batcher, LeadLedger ledger, FollowUpMarkers claims, Supplier<String> ids) {
        this.billing = billing;
        this.batcher = batcher;
        this.ledger = ledger;
        this.claims = claims;
        this.ids = ids;
    }

    /** True when the deal (a {@code crm.deal.get} result) stands in the tenant's invoice stage. */
    public static boolean billable(Tenant tenant, JsonNode deal) {
        return tenant.billing() != null && tenant.billing().invoiceStage() != null && tenant.bitrix24() != null
                && deal != null && tenant.billing().invoiceStage().equals(deal.path("STAGE_ID").asText(null));
    }

    public static String requestKey(JsonNode deal) {
        return "deal:" + deal.path("ID").asText() + ":" + deal.path("STAGE_ID").asText();
    }

    /**
     * The invoice request for the deal, or empty when it is not billable or was asked for this stage before.
     * A request is claimed in the ledger ({@code deal_invoice_request}) as it is made; a later event of the same deal
     * and stage finds the claim and asks for nothing. Only a redelivery of the same event (its transaction, with the
     * request, may have been rolled back after the claim) asks again, with the claimed invoice id: billing's unique
     * request key makes that one invoice at most.
     *
     * @param redelivered the broker redelivers this event (JMSRedelivered)
     * @throws io.lintas.connector.bitrix24.Bitrix24Failure when the portal fails (transient: retried; permanent: DLQ)
     * @throws io.lintas.intake.IntakeRejected when the deal has nothing to bill (no rows, no OPPORTUNITY)
     */
    public Optional<InvoiceRequest> request(Tenant tenant, JsonNode deal, boolean redelivered) {
        if (!billable(tenant, deal) || !deal.path("ID").asText("").matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        String key = requestKey(deal);
        if (billing.existing(tenant.id(), key).isPresent()) {
            return Optional.empty();
        }
        Optional<String> claimed = claims.dealInvoice(tenant.id(), key);
        if (claimed.isPresent() && !redelivered) {
            return Optional.empty();
        }
        String dealId = deal.path("ID").asText();
        String contactId = deal.path("CONTACT_ID").asText("");
        List<Command> chain = new ArrayList<>();
        Command rows = new Command("deal" + dealId + "_pr", "crm.deal.productrows.get", Map.of("id", Long.parseLong(dealId)));
        chain.add(rows);
        Command contact = null;
        if (contactId.matches("[0-9]{1,18}") && !contactId.equals("0")) {
            contact = new Command("deal" + dealId + "_ct", "crm.contact.get", Map.of("id", Long.parseLong(contactId)));
            chain.add(contact);
        }
        Outcome outcome = batcher.submit(TaskDelivery.portal(tenant.bitrix24()), chain);
        for (Command c : chain) {
            if (outcome.error(c.key()) != null) {
                throw PortalBatcher.failure(c.method(), outcome.error(c.key()));
            }
        }
        Customer customer = customer(tenant, contact == null ? null : outcome.result(contact.key()));
        InvoiceRequest made = InvoiceRequests.fromDeal(tenant, deal, outcome.result(rows.key()), customer,
                claimed.orElseGet(ids));
        if (claimed.isEmpty() && !claims.claimDealInvoice(tenant.id(), key, made.invoiceId())) {
            return Optional.empty();   // another consumer asked for it meanwhile
        }
        return Optional.of(new InvoiceRequest(made.invoiceId(), made.tenant(), key, leadOf(deal), made.dealId(),
                made.customer(), made.lines(), made.currency(), made.dueDate(), made.description()));
    }

    /** The Lintas lead of a deal Lintas wrote (ORIGINATOR_ID=lintas, ORIGIN_ID=<lead id>), so the task closes on payment. */
    private String leadOf(JsonNode deal) {
        String origin = deal.path("ORIGIN_ID").asText("");
        return "lintas".equals(deal.path("ORIGINATOR_ID").asText("")) && !origin.isBlank() && ledger.exists(origin)
                ? origin : null;
    }

    /** The contact's name, first phone (E.164 in the tenant's region) and first email; language: the tenant's. */
    static Customer customer(Tenant tenant, JsonNode contact) {
        if (contact == null || !contact.isObject()) {
            return new Customer(null, null, null, null);
        }
        String name = String.join(" ", List.of(contact.path("NAME").asText(""), contact.path("LAST_NAME").asText(""))).strip();
        String phone = first(contact.path("PHONE")).flatMap(p -> PhoneNormalizer.toE164(p, tenant.region())).orElse(null);
        String email = first(contact.path("EMAIL")).flatMap(EmailNormalizer::normalize).orElse(null);
        return new Customer(name.isEmpty() ? null : name, email, phone, null);
    }

    private static Optional<String> first(JsonNode multifield) {
        if (multifield.isArray()) {
            for (JsonNode v : multifield) {
                String value = v.path("VALUE").asText("");
                if (!value.isBlank()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
