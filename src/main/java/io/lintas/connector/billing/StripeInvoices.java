package io.lintas.connector.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.Customer;
import io.lintas.billing.Invoice;
import io.lintas.billing.InvoiceLine;
import io.lintas.billing.PaymentUpdate;
import io.lintas.tenant.BillingConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Stripe invoices for cards (contract sheet §3): customer → draft invoice (send_invoice) → one invoice item per
 * line attached with {@code invoice=} → finalize → send, form-encoded, every call with its own
 * {@code Idempotency-Key} derived from the Lintas invoice id ({@code lintas-<id>-customer}, …). Stripe keeps keys
 * at least 24 h and replays the first answer, so running the chain again after an unclear outcome creates nothing
 * twice; there is nothing to look up first. No Indonesian VA: the notice carries the hosted invoice link.
 */
public final class StripeInvoices implements PaymentProvider {

    private final BillingTransport transport;
    private final ObjectMapper json;

    public StripeInvoices(BillingTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Invoice.Issued create(Invoice invoice, BillingConfig billing) {
        String key = "lintas-" + invoice.id();
        Customer c = invoice.customer();
        Form customer = new Form().add("name", c.name()).add("email", c.email()).add("phone", c.phone())
                .add("metadata[lintas_invoice_id]", invoice.id()).add("metadata[lintas_tenant]", invoice.tenant());
        String customerId = post("/v1/customers", customer, key + "-customer", billing).path("id").asText();
        Form draft = new Form().add("customer", customerId).add("collection_method", "send_invoice")
                .add("days_until_due", String.valueOf(billing.dueDays()))
                .add("currency", invoice.currency().toLowerCase(Locale.ROOT))
                .add("description", invoice.description())
                .add("metadata[lintas_invoice_id]", invoice.id()).add("metadata[lintas_tenant]", invoice.tenant());
        String stripeId = post("/v1/invoices", draft, key + "-invoice", billing).path("id").asText();
        int n = 0;
        for (InvoiceLine line : invoice.lines()) {
            n++;
            Form item = new Form().add("customer", customerId).add("invoice", stripeId)
                    .add("amount", String.valueOf(Amounts.stripeMinor(line.total(), invoice.currency())))
                    .add("currency", invoice.currency().toLowerCase(Locale.ROOT))
                    .add("description", line.name() + " × " + line.quantity().stripTrailingZeros().toPlainString());
            post("/v1/invoiceitems", item, key + "-item-" + n, billing);
        }
        String path = "/v1/invoices/" + URLEncoder.encode(stripeId, StandardCharsets.UTF_8);
        post(path + "/finalize", new Form(), key + "-finalize", billing);
        JsonNode sent = post(path + "/send", new Form(), key + "-send", billing);
        return new Invoice.Issued(stripeId, customerId, null, null, sent.path("hosted_invoice_url").asText(null));
    }

    /** Nothing to look up: the idempotency keys make the whole chain safe to run again for 24 hours. */
    @Override
    public Optional<Invoice.Issued> lookup(Invoice invoice, BillingConfig billing) {
        return Optional.empty();
    }

    @Override
    public PaymentUpdate recheck(Invoice invoice, BillingConfig billing, PaymentCallback callback) {
        String type = callback.status();
        if (type.equals("charge.refunded") || type.equals("charge.dispute.created")) {
            return new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.REVERSED, null, callback.receivedAt());
        }
        BillingCall call = BillingCall.get("/v1/invoices/" + URLEncoder.encode(callback.providerRef(), StandardCharsets.UTF_8), null);
        BillingResponse response = transport.send(billing, call);
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        JsonNode node = ProviderJson.read(json, response.body(), "Stripe");
        if (!invoice.id().equals(node.path("metadata").path("lintas_invoice_id").asText(null))) {
            throw new BillingException.Refused("Stripe invoice " + callback.providerRef() + " does not belong to invoice " + invoice.id());
        }
        return switch (node.path("status").asText("")) {
            case "paid" -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.PAID,
                    Amounts.stripeMajor(node.path("amount_paid").asLong(), invoice.currency()), callback.receivedAt());
            case "void", "uncollectible" -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.EXPIRED, null,
                    callback.receivedAt());
            default -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.PENDING, null, callback.receivedAt());
        };
    }

    private JsonNode post(String path, Form form, String idempotencyKey, BillingConfig billing) {
        BillingCall call = BillingCall.postForm(path, form.toString(), idempotencyKey);
        BillingResponse response = transport.send(billing, call);
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        return ProviderJson.read(json, response.body(), "Stripe");
    }

    /** application/x-www-form-urlencoded, null values left out. */
    static final class Form {
        private final StringJoiner out = new StringJoiner("&");

        Form add(String name, String value) {
            if (value != null) {
                out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
