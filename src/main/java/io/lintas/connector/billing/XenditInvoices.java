package io.lintas.connector.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.billing.Customer;
import io.lintas.billing.Invoice;
import io.lintas.billing.InvoiceLine;
import io.lintas.billing.PaymentUpdate;
import io.lintas.tenant.BillingConfig;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Xendit invoices (contract sheet §1): {@code POST /v2/invoices} with {@code external_id} = the Lintas invoice id;
 * the VA number is {@code available_banks[].bank_account_number} of the tenant's first bank, or, with
 * {@code billing.fixed-va}, the customer's Fixed VA that the invoice is bound to ({@link XenditFixedVas}). Xendit's
 * invoice API takes no idempotency key, so an unclear create is resolved with {@code GET /v2/invoices?external_id=…}.
 */
public final class XenditInvoices implements PaymentProvider {

    private final BillingTransport transport;
    private final ObjectMapper json;
    private final XenditFixedVas fixedVas;

    public XenditInvoices(BillingTransport transport, ObjectMapper json) {
        this(transport, json, null);
    }

    /** @param fixedVas the customers' Fixed VAs, for tenants with {@code billing.fixed-va} (null: none) */
    public XenditInvoices(BillingTransport transport, ObjectMapper json, XenditFixedVas fixedVas) {
        this.transport = transport;
        this.json = json;
        this.fixedVas = fixedVas;
    }

    @Override
    public String name() {
        return "xendit";
    }

    @Override
    public Invoice.Issued create(Invoice invoice, BillingConfig billing) {
        Optional<XenditFixedVas.FixedVa> fixedVa = fixedVas(billing) ? fixedVas.forInvoice(invoice, billing) : Optional.empty();
        ObjectNode body = createBody(invoice, billing);
        fixedVa.ifPresent(account -> body.put("callback_virtual_account_id", account.id()));
        BillingCall call = BillingCall.postJson("/v2/invoices", ProviderJson.write(json, body), null);
        BillingResponse response = transport.send(billing, call);
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        return issued(ProviderJson.read(json, response.body(), "Xendit"), billing, fixedVa);
    }

    private boolean fixedVas(BillingConfig billing) {
        return billing.fixedVa() && fixedVas != null;
    }

    ObjectNode createBody(Invoice invoice, BillingConfig billing) {
        ObjectNode body = json.createObjectNode();
        body.put("external_id", invoice.id());
        body.put("amount", Amounts.plain(invoice.amount(), invoice.currency()));
        body.put("currency", invoice.currency());
        body.put("description", invoice.description() == null ? "Invoice " + invoice.id() : invoice.description());
        body.put("invoice_duration", billing.dueDays() * 86_400L);
        body.put("should_send_email", false);     // Lintas tells the customer itself (lintas.notify)
        Customer c = invoice.customer();
        if (c.email() != null) {
            body.put("payer_email", c.email());
        }
        ObjectNode customer = body.putObject("customer");
        if (c.name() != null) {
            customer.put("given_names", c.name());
        }
        if (c.email() != null) {
            customer.put("email", c.email());
        }
        if (c.phone() != null) {
            customer.put("mobile_number", c.phone());
        }
        ArrayNode items = body.putArray("items");
        for (InvoiceLine line : invoice.lines()) {
            ObjectNode item = items.addObject();
            item.put("name", line.name());
            item.put("quantity", line.quantity().stripTrailingZeros());
            item.put("price", Amounts.plain(line.unitPrice(), invoice.currency()));
        }
        ArrayNode methods = body.putArray("payment_methods");
        billing.banks().forEach(methods::add);
        body.put("locale", "id".equals(c.language()) ? "id" : "en");
        return body;
    }

    @Override
    public Optional<Invoice.Issued> lookup(Invoice invoice, BillingConfig billing) {
        BillingCall call = BillingCall.get("/v2/invoices", "external_id=" + URLEncoder.encode(invoice.id(), StandardCharsets.UTF_8));
        BillingResponse response = transport.send(billing, call);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        JsonNode found = ProviderJson.read(json, response.body(), "Xendit");
        Optional<XenditFixedVas.FixedVa> fixedVa = fixedVas(billing) ? fixedVas.known(invoice) : Optional.empty();
        if (found.isArray()) {
            for (JsonNode node : found) {
                if (invoice.id().equals(node.path("external_id").asText(null))) {
                    return Optional.of(issued(node, billing, fixedVa));
                }
            }
            return Optional.empty();
        }
        return invoice.id().equals(found.path("external_id").asText(null)) ? Optional.of(issued(found, billing, fixedVa))
                : Optional.empty();
    }

    @Override
    public PaymentUpdate recheck(Invoice invoice, BillingConfig billing, PaymentCallback callback) {
        String xenditId = callback.providerRef();
        BillingCall call = BillingCall.get("/v2/invoices/" + URLEncoder.encode(xenditId, StandardCharsets.UTF_8), null);
        BillingResponse response = transport.send(billing, call);
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        JsonNode node = ProviderJson.read(json, response.body(), "Xendit");
        if (!invoice.id().equals(node.path("external_id").asText(null))) {
            throw new BillingException.Refused("Xendit invoice " + xenditId + " does not belong to invoice " + invoice.id());
        }
        String status = node.path("status").asText("").toUpperCase(Locale.ROOT);
        return switch (status) {
            case "PAID", "SETTLED" -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.PAID,
                    node.hasNonNull("paid_amount") ? node.get("paid_amount").decimalValue() : node.path("amount").decimalValue(),
                    callback.receivedAt());
            case "EXPIRED" -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.EXPIRED, null, callback.receivedAt());
            default -> new PaymentUpdate(name(), callback.eventKey(), PaymentUpdate.Kind.PENDING, null, callback.receivedAt());
        };
    }

    /** The customer pays to the Fixed VA the invoice is bound to, else to the invoice's own VA in the first bank. */
    private Invoice.Issued issued(JsonNode node, BillingConfig billing, Optional<XenditFixedVas.FixedVa> fixedVa) {
        String bank = billing.primaryBank();
        String va = null;
        for (JsonNode b : node.path("available_banks")) {
            if (bank != null && bank.equalsIgnoreCase(b.path("bank_code").asText())) {
                va = b.path("bank_account_number").asText(null);
            }
        }
        if (fixedVa.isPresent()) {
            bank = fixedVa.get().bank();
            va = fixedVa.get().accountNumber();
        }
        String id = node.path("id").asText(null);
        if (id == null) {
            throw new BillingException.Refused("Xendit's invoice answer has no id");
        }
        return new Invoice.Issued(id, null, va == null ? null : bank, va, node.path("invoice_url").asText(null));
    }

    static BigDecimal zeroIfNull(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
