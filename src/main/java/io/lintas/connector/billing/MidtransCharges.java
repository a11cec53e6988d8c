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
 * Midtrans Core API bank transfer (contract sheet §2): {@code POST /v2/charge} with {@code order_id} = the Lintas
 * invoice id, {@code payment_type} bank_transfer (bca, bni, bri, permata) or echannel (Mandiri), and an
 * {@code Idempotency-Key} (kept 5 minutes by Midtrans). The VA number is {@code va_numbers[0].va_number},
 * {@code permata_va_number}, or Mandiri's {@code biller_code} + {@code bill_key}. An unclear charge is resolved
 * with {@code GET /v2/{order_id}/status}, which is also the re-check of every notification.
 */
public final class MidtransCharges implements PaymentProvider {

    private final BillingTransport transport;
    private final ObjectMapper json;

    public MidtransCharges(BillingTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public String name() {
        return "midtrans";
    }

    @Override
    public Invoice.Issued create(Invoice invoice, BillingConfig billing) {
        BillingCall call = BillingCall.postJson("/v2/charge", ProviderJson.write(json, chargeBody(invoice, billing)), invoice.id());
        BillingResponse response = transport.send(billing, call);
        JsonNode body = response.ok() || response.status() < 500 ? ProviderJson.read(json, response.body(), "Midtrans") : null;
        String code = body == null ? null : body.path("status_code").asText("");
        if (response.ok() && ("200".equals(code) || "201".equals(code))) {
            return issued(body, billing);
        }
        if ("406".equals(code) || response.status() == 406) {
            // order_id already used: the first charge went through; its answer was lost
            return lookup(invoice, billing).orElseThrow(() -> new BillingException.Unclear(
                    "Midtrans says order " + invoice.id() + " exists but its status cannot be read", null));
        }
        if (code != null && code.startsWith("5")) {
            throw new BillingException.Unclear("Midtrans charge answered status_code " + code, null);
        }
        if (response.ok() && code != null && !code.isEmpty()) {
            throw new BillingException.Refused("Midtrans charge answered status_code " + code + ": "
                    + body.path("status_message").asText(""));
        }
        throw BillingException.of(call, response);
    }

    ObjectNode chargeBody(Invoice invoice, BillingConfig billing) {
        ObjectNode body = json.createObjectNode();
        String bank = billing.primaryBank().toLowerCase(Locale.ROOT);
        if ("mandiri".equals(bank)) {
            body.put("payment_type", "echannel");
            ObjectNode echannel = body.putObject("echannel");
            echannel.put("bill_info1", "Payment:");
            echannel.put("bill_info2", truncate(invoice.description() == null ? invoice.id() : invoice.description(), 10));
        } else {
            body.put("payment_type", "bank_transfer");
            body.putObject("bank_transfer").put("bank", bank);
        }
        ObjectNode details = body.putObject("transaction_details");
        details.put("order_id", invoice.id());
        details.put("gross_amount", Amounts.plain(invoice.amount(), invoice.currency()));
        boolean wholeQuantities = invoice.lines().stream().allMatch(l -> l.quantity().stripTrailingZeros().scale() <= 0);
        if (wholeQuantities) {
            ArrayNode items = body.putArray("item_details");
            int n = 0;
            for (InvoiceLine line : invoice.lines()) {
                ObjectNode item = items.addObject();
                item.put("id", String.valueOf(++n));
                item.put("price", Amounts.plain(line.unitPrice(), invoice.currency()));
                item.put("quantity", line.quantity().intValue());
                item.put("name", truncate(line.name(), 50));
            }
        }
        Customer c = invoice.customer();
        ObjectNode customer = body.putObject("customer_details");
        if (c.name() != null) {
            customer.put("first_name", c.name());
        }
        if (c.email() != null) {
            customer.put("email", c.email());
        }
        if (c.phone() != null) {
            customer.put("phone", c.phone());
        }
        ObjectNode expiry = body.putObject("custom_expiry");
        expiry.put("expiry_duration", billing.dueDays());
        expiry.put("unit", "day");
        return body;
    }

    @Override
    public Optional<Invoice.Issued> lookup(Invoice invoice, BillingConfig billing) {
        BillingCall call = statusCall(invoice.id());
        BillingResponse response = transport.send(billing, call);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        JsonNode body = ProviderJson.read(json, response.body(), "Midtrans");
        if ("404".equals(body.path("status_code").asText())) {
            return Optional.empty();
        }
        return Optional.of(issued(body, billing));
    }

    @Override
    public PaymentUpdate recheck(Invoice invoice, BillingConfig billing, PaymentCallback callback) {
        BillingCall call = statusCall(invoice.id());
        BillingResponse response = transport.send(billing, call);
        if (!response.ok()) {
            throw BillingException.of(call, response);
        }
        JsonNode body = ProviderJson.read(json, response.body(), "Midtrans");
        if (!invoice.id().equals(body.path("order_id").asText(null))) {
            throw new BillingException.Refused("Midtrans status of order " + invoice.id() + " names another order");
        }
        String status = body.path("transaction_status").asText("").toLowerCase(Locale.ROOT);
        String fraud = body.path("fraud_status").asText("accept").toLowerCase(Locale.ROOT);
        PaymentUpdate.Kind kind = switch (status) {
            case "settlement", "capture" -> "accept".equals(fraud) ? PaymentUpdate.Kind.PAID : PaymentUpdate.Kind.PENDING;
            case "expire", "cancel" -> PaymentUpdate.Kind.EXPIRED;
            case "deny", "refund", "partial_refund", "chargeback", "partial_chargeback" -> PaymentUpdate.Kind.REVERSED;
            default -> PaymentUpdate.Kind.PENDING;
        };
        BigDecimal amount = kind == PaymentUpdate.Kind.PAID ? new BigDecimal(body.path("gross_amount").asText("0")) : null;
        return new PaymentUpdate(name(), callback.eventKey(), kind, amount, callback.receivedAt());
    }

    private static BillingCall statusCall(String orderId) {
        return BillingCall.get("/v2/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/status", null);
    }

    private Invoice.Issued issued(JsonNode body, BillingConfig billing) {
        String bank = null;
        String va = null;
        JsonNode vas = body.path("va_numbers");
        if (vas.isArray() && !vas.isEmpty()) {
            bank = vas.get(0).path("bank").asText().toUpperCase(Locale.ROOT);
            va = vas.get(0).path("va_number").asText(null);
        } else if (body.hasNonNull("permata_va_number")) {
            bank = "PERMATA";
            va = body.get("permata_va_number").asText();
        } else if (body.hasNonNull("bill_key")) {
            bank = "MANDIRI";
            va = body.path("biller_code").asText("") + " " + body.get("bill_key").asText();
        }
        return new Invoice.Issued(body.path("transaction_id").asText(null), null, bank, va, null);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
