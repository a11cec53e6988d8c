package io.lintas.delivery;

import io.lintas.billing.InvoiceRequest;
import io.lintas.billing.InvoiceRequests;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.tenant.Tenant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A lead that carries an order is billable: once it is in the CRM (so the invoice can name the deal, and the deal
 * or lead can be told the VA and the link), it becomes an invoice request for the billing stage. The request key
 * {@code lead:<id>} makes it one invoice however often the lead is delivered. An order that cannot be billed is
 * noted on the lead's journey ({@code ORDER_NOT_BILLED}) with the reason, never dropped silently.
 */
public class LeadOrders {

    private final LeadLedger ledger;
    private final Supplier<String> ids;

    public LeadOrders(LeadLedger ledger, Supplier<String> ids) {
        this.ledger = ledger;
        this.ids = ids;
    }

    /** The invoice request for the lead's order, or empty (no order, the tenant does not bill them, or it cannot be). */
    public Optional<InvoiceRequest> invoice(Tenant tenant, Lead lead, CrmDelivery.Delivered delivered) {
        String invalid = lead.attributes().get(LeadNormalizer.ORDER_INVALID);
        if (lead.order() == null && invalid == null) {
            return Optional.empty();
        }
        String reason;
        if (tenant.billing() == null) {
            reason = "the tenant has no billing";
        } else if (!tenant.billing().leadOrders()) {
            reason = "the tenant's billing does not invoice lead orders (billing.lead-orders: false)";
        } else if (lead.order() == null) {
            reason = "the order cannot be billed as given: " + invalid;
        } else if (!InvoiceRequests.payable(lead)) {
            reason = "no email or phone to send the invoice to";
        } else {
            String deal = "deal".equals(delivered.kind()) ? delivered.id() : null;
            return InvoiceRequests.fromLead(tenant, lead, deal, ids.get());
        }
        if (ledger.journeyHas(lead.id(), LeadStatus.ORDER_NOT_BILLED)) {
            return Optional.empty();
        }
        ledger.note(lead.id(), LeadStatus.ORDER_NOT_BILLED, "order not invoiced: " + reason);
        return Optional.empty();
    }
}
