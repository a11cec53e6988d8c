package io.lintas.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.billing.MidtransSignature;
import io.lintas.connector.billing.PaymentCallback;
import io.lintas.connector.billing.StripeSignatureVerifier;
import io.lintas.connector.billing.XenditFixedVas;
import io.lintas.intake.InboundRequest;
import io.lintas.intake.IntakeRejected;
import io.lintas.tenant.BillingConfig;
import io.lintas.tenant.Secrets;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /hooks/{tenant}/payments/{xendit|midtrans|stripe}}: verifies a provider callback as the provider
 * defines it, on the raw bytes, and turns it into a {@link PaymentCallback} for {@code lintas.payments}. Nothing is
 * applied here: the consumer re-reads the bill at the provider and applies it (fast answer, contract §8.2).
 *
 * <ul>
 *   <li>Xendit: {@code x-callback-token} equal (constant time) to the tenant's callback token;</li>
 *   <li>Midtrans: {@code signature_key} = SHA-512(order_id + status_code + gross_amount + server key);</li>
 *   <li>Stripe: {@code Stripe-Signature} HMAC over {@code t.body}, 300 s tolerance (older: stale, a replay).</li>
 * </ul>
 * A forged or stale callback is a 401 with the reason; an unknown tenant, provider or invoice a 404; a body that
 * is no callback a 400. Duplicates are accepted (2xx): providers retry, and the consumer dedupes them.
 */
public class PaymentWebhooks {

    static final int MAX_BODY = 256 * 1024;

    private final TenantRegistry tenants;
    private final BillingLedger ledger;
    private final ObjectMapper json;
    private final Clock clock;
    private final StripeSignatureVerifier stripe;
    private final Supplier<String> ids;

    public PaymentWebhooks(TenantRegistry tenants, BillingLedger ledger, ObjectMapper json, Clock clock, Supplier<String> ids) {
        this.tenants = tenants;
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
        this.stripe = new StripeSignatureVerifier(clock);
        this.ids = ids;
    }

    /** The verified callback, or null when it is genuine but about nothing billing follows (answered 200, not queued). */
    public PaymentCallback receive(String tenantId, String provider, InboundRequest request) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        BillingConfig billing = tenant.billing();
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        if (billing == null || !billing.provider().equals(p)) {
            throw IntakeRejected.notFound("tenant does not bill with " + provider);
        }
        if (request.body().length > MAX_BODY) {
            throw IntakeRejected.tooLarge("callback body is larger than " + MAX_BODY + " bytes");
        }
        return switch (p) {
            case "xendit" -> xendit(tenant, billing, request);
            case "midtrans" -> midtrans(tenant, billing, request);
            case "stripe" -> stripe(tenant, billing, request);
            default -> throw IntakeRejected.notFound("unknown payment provider");
        };
    }

    private PaymentCallback xendit(Tenant tenant, BillingConfig billing, InboundRequest request) {
        if (!Secrets.matches(billing.callbackToken(), request.header("x-callback-token"))) {
            throw IntakeRejected.unauthorized(request.header("x-callback-token") == null
                    ? "x-callback-token header is required" : "x-callback-token does not match");
        }
        JsonNode body = parse(request);
        String xenditId = text(body, "id");
        String externalId = text(body, "external_id");
        String status = text(body, "status");
        if (fixedVaCallback(body, externalId, status)) {
            return null;    // a Fixed VA's status or a payment into it: the bound invoice's own callback says it is paid
        }
        if (xenditId == null || externalId == null || status == null) {
            throw IntakeRejected.badRequest("Xendit invoice callback needs id, external_id and status");
        }
        Invoice invoice = known(tenant, externalId);
        return callback(tenant, "xendit", invoice.id(), xenditId, xenditId + ":" + status.toUpperCase(Locale.ROOT), status,
                decimal(body, "paid_amount"), request);
    }

    /** fva_status (about an account Lintas made: external_id lintas-fva-…) or fva_paid (payment_id, no status). */
    private static boolean fixedVaCallback(JsonNode body, String externalId, String status) {
        return externalId != null && externalId.startsWith(XenditFixedVas.EXTERNAL_ID_PREFIX)
                || status == null && text(body, "payment_id") != null && text(body, "callback_virtual_account_id") != null;
    }

    private PaymentCallback midtrans(Tenant tenant, BillingConfig billing, InboundRequest request) {
        JsonNode body = parse(request);
        String orderId = text(body, "order_id");
        String statusCode = text(body, "status_code");
        String grossAmount = text(body, "gross_amount");
        String signature = text(body, "signature_key");
        if (signature == null) {
            throw IntakeRejected.unauthorized("signature_key is required");
        }
        if (!MidtransSignature.matches(orderId, statusCode, grossAmount, billing.secretKey(), signature)) {
            throw IntakeRejected.unauthorized("signature_key does not match SHA-512(order_id+status_code+gross_amount+server key)");
        }
        String transactionId = text(body, "transaction_id");
        String status = text(body, "transaction_status");
        if (transactionId == null || status == null) {
            throw IntakeRejected.badRequest("Midtrans notification needs transaction_id and transaction_status");
        }
        Invoice invoice = known(tenant, orderId);
        return callback(tenant, "midtrans", invoice.id(), orderId, transactionId + ":" + status.toLowerCase(Locale.ROOT),
                status, decimal(body, "gross_amount"), request);
    }

    private PaymentCallback stripe(Tenant tenant, BillingConfig billing, InboundRequest request) {
        StripeSignatureVerifier.Outcome outcome = stripe.verify(billing.webhookSecret(), request.header("Stripe-Signature"),
                request.body());
        if (outcome != StripeSignatureVerifier.Outcome.VALID) {
            throw IntakeRejected.unauthorized(outcome.reason());
        }
        JsonNode event = parse(request);
        String eventId = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.path("data").path("object");
        if (eventId == null || type == null || !object.isObject()) {
            throw IntakeRejected.badRequest("Stripe event needs id, type and data.object");
        }
        String stripeInvoice = "invoice".equals(object.path("object").asText()) ? text(object, "id") : text(object, "invoice");
        if (stripeInvoice == null) {
            return null;    // verified, but not about an invoice (e.g. customer.created): acknowledged, nothing to do
        }
        Invoice invoice = (plausibleId(stripeInvoice) ? ledger.byProviderId(tenant.id(), "stripe", stripeInvoice)
                : java.util.Optional.<Invoice>empty())
                .or(() -> {
                    String lintasId = text(object.path("metadata"), "lintas_invoice_id");
                    return plausibleId(lintasId) ? ledger.find(tenant.id(), lintasId) : java.util.Optional.empty();
                })
                .orElseThrow(() -> IntakeRejected.notFound("unknown invoice"));
        BigDecimal paid = decimal(object, "amount_paid");   // not a number (forged or odd): no amount, not a 500
        return callback(tenant, "stripe", invoice.id(), stripeInvoice, eventId, type, paid, request);
    }

    private Invoice known(Tenant tenant, String invoiceId) {
        return (plausibleId(invoiceId) ? ledger.find(tenant.id(), invoiceId) : java.util.Optional.<Invoice>empty())
                .orElseThrow(() -> IntakeRejected.notFound("unknown invoice"));
    }

    /**
     * Whether an id from a callback may be looked up at all: ours and the providers' are short and printable.
     * A NUL would make PostgreSQL refuse the query ("invalid byte sequence for encoding UTF8: 0x00"): a 500.
     */
    static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 200 && id.chars().noneMatch(Character::isISOControl);
    }

    private PaymentCallback callback(Tenant tenant, String provider, String invoiceId, String providerRef, String eventKey,
            String status, BigDecimal amount, InboundRequest request) {
        return new PaymentCallback(ids.get(), tenant.id(), provider, invoiceId, providerRef, eventKey, status, amount,
                clock.instant(), new String(request.body(), StandardCharsets.UTF_8));
    }

    private JsonNode parse(InboundRequest request) {
        try {
            JsonNode node = json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw IntakeRejected.badRequest("callback body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw IntakeRejected.badRequest("callback body is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String t = text(node, field);
        try {
            return t == null ? null : new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
