package io.lintas.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.billing.MidtransSignature;
import io.lintas.connector.billing.StripeSignatureVerifier;
import io.lintas.fuzz.HostileInput;
import io.lintas.fuzz.HostileInput.Body;
import io.lintas.fuzz.HostileInput.Shape;
import io.lintas.fuzz.Outcomes;
import io.lintas.fuzz.TestTenants;
import io.lintas.intake.InboundRequest;
import io.lintas.tenant.TenantRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.assertj.core.api.Assertions;

/**
 * Bad input at the payment callback parsing ({@link PaymentWebhooks}, Stripe-Signature and Midtrans
 * signature_key checks), unit level. Every body is signed as its provider would sign it, so the damage
 * reaches the JSON reading behind the check; the ledger knows every invoice id, so it reaches the end.
 * Only a callback (or null: acknowledged) or a 4xx {@link io.lintas.intake.IntakeRejected} may come out.
 */
class PaymentCallbackFuzzTest {

    private static final String SEED = "20261126";
    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");
    private static final Outcomes OUTCOMES = new Outcomes("payment callbacks (unit)");

    private final TenantRegistry tenants = TestTenants.registry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicLong ids = new AtomicLong();
    private final PaymentWebhooks webhooks = new PaymentWebhooks(tenants, new EveryInvoiceKnown(clock), new ObjectMapper(),
            clock, () -> "01JPAY" + ids.incrementAndGet());

    @AfterContainer
    static void report() {
        OUTCOMES.report();
    }

    static final String XENDIT = """
            {"id":"579c8d61f23fa4ca35e52da4","external_id":"inv-1","user_id":"5781d19b2e2385880609791c",
             "is_high":true,"payment_method":"BANK_TRANSFER","status":"PAID","merchant_name":"Acme",
             "amount":50000,"paid_amount":50000,"bank_code":"BCA","paid_at":"2026-11-25T10:00:00.000Z",
             "currency":"IDR","payment_channel":"BCA","payment_destination":"8808999939380502"}""";
    static final String MIDTRANS = """
            {"transaction_time":"2026-11-25 10:00:00","transaction_status":"settlement","transaction_id":"tx-0001",
             "status_message":"midtrans payment notification","status_code":"200","signature_key":"SIGNATURE",
             "payment_type":"bank_transfer","order_id":"inv-1","merchant_id":"G000","gross_amount":"50000.00",
             "fraud_status":"accept","currency":"IDR","va_numbers":[{"va_number":"12345","bank":"bca"}]}""";
    static final String STRIPE = """
            {"id":"evt_1","object":"event","type":"invoice.paid","created":1764118800,
             "data":{"object":{"id":"in_1","object":"invoice","amount_paid":50000,"currency":"rub",
             "metadata":{"lintas_invoice_id":"inv-1"},"status":"paid"}}}""";

    @Property(seed = SEED)
    void xenditCallbacksParseOrReject(@ForAll("xendit") Body body) {
        InboundRequest request = request(body, Map.of("x-callback-token", "acme-xendit-callback-token"));
        OUTCOMES.check("payments/xendit", body, () -> webhooks.receive("acme", "xendit", request));
    }

    @Provide
    Arbitrary<Body> xendit() {
        return HostileInput.bodies(Shape.JSON, XENDIT, "application/json");
    }

    @Property(seed = SEED)
    void midtransNotificationsParseOrReject(@ForAll("midtrans") Body body) {
        Body signed = midtransSigned(body);
        OUTCOMES.check("payments/midtrans", signed, () -> webhooks.receive("kopi", "midtrans", request(signed, Map.of())));
    }

    @Provide
    Arbitrary<Body> midtrans() {
        return HostileInput.bodies(Shape.JSON, MIDTRANS, "application/json");
    }

    @Property(seed = SEED)
    void stripeEventsParseOrReject(@ForAll("stripe") Body body) {
        String t = Long.toString(NOW.getEpochSecond());
        InboundRequest request = request(body, Map.of("Stripe-Signature",
                "t=" + t + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", t, body.bytes())));
        OUTCOMES.check("payments/stripe", body, () -> webhooks.receive("rusco", "stripe", request));
    }

    @Provide
    Arbitrary<Body> stripe() {
        return HostileInput.bodies(Shape.JSON, STRIPE, "application/json");
    }

    /** The Stripe-Signature header itself, damaged: only VALID or a refusal with a reason. */
    @Property(seed = SEED)
    void stripeSignatureHeadersVerifyOrRefuse(@ForAll("stripeHeaders") Body header) {
        InboundRequest request = new InboundRequest("https://hub.example/hooks/rusco/payments/stripe", "application/json",
                Map.of("Stripe-Signature", header.text()), Map.of(), STRIPE.getBytes(StandardCharsets.UTF_8));
        OUTCOMES.check("payments/stripe Stripe-Signature", header, () -> webhooks.receive("rusco", "stripe", request));
    }

    @Provide
    Arbitrary<Body> stripeHeaders() {
        String t = Long.toString(NOW.getEpochSecond());
        String valid = "t=" + t + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", t,
                STRIPE.getBytes(StandardCharsets.UTF_8)) + ",v0=abc";
        return HostileInput.bodies(Shape.FORM, valid, null);
    }

    // ------------------------------------------------------------------------------ examples found by fuzzing

    /** Found by this fuzzer: a genuine Stripe event whose amount_paid is not a number was a NumberFormatException (500). */
    @Example
    void aStripeAmountThatIsNoNumberIsNoAmount() {
        for (String amount : new String[] {"\"fifty\"", "true", "{}", "[1]", "\"\""}) {
            byte[] body = STRIPE.replace("\"amount_paid\":50000", "\"amount_paid\":" + amount).getBytes(StandardCharsets.UTF_8);
            String t = Long.toString(NOW.getEpochSecond());
            InboundRequest request = request(new Body("example", "application/json", body), Map.of("Stripe-Signature",
                    "t=" + t + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", t, body)));

            Assertions.assertThat(webhooks.receive("rusco", "stripe", request).amount()).as(amount).isNull();
        }
    }

    /**
     * Found reading the fuzzer's inputs against PostgreSQL's rules: an invoice id with a NUL reached the ledger query,
     * which PostgreSQL refuses (a 500 there; H2 takes it). Such an id is no invoice of ours: 404, no query.
     */
    @Example
    void anInvoiceIdWithAControlCharacterIsUnknownWithoutAQuery() {
        PaymentWebhooks strict = new PaymentWebhooks(tenants, new NoQueryExpected(clock), new ObjectMapper(), clock, () -> "x");
        byte[] body = XENDIT.replace("\"inv-1\"", "\"inv-1\\u0000\"").getBytes(StandardCharsets.UTF_8);
        InboundRequest request = request(new Body("example", "application/json", body),
                Map.of("x-callback-token", "acme-xendit-callback-token"));

        Assertions.assertThatThrownBy(() -> strict.receive("acme", "xendit", request))
                .isInstanceOfSatisfying(io.lintas.intake.IntakeRejected.class,
                        r -> Assertions.assertThat(r.status()).isEqualTo(404));
    }

    // ------------------------------------------------------------------------------ helpers

    private static final class NoQueryExpected extends BillingLedger {

        NoQueryExpected(Clock clock) {
            super(null, clock);
        }

        @Override
        public Optional<Invoice> find(String tenant, String invoiceId) {
            throw new AssertionError("no ledger query for " + invoiceId);
        }
    }

    /** Puts the signature Midtrans would compute over the damaged body's own fields where SIGNATURE stands. */
    private static Body midtransSigned(Body body) {
        String text = body.text();
        if (!text.contains("SIGNATURE")) {
            return body;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(body.bytes());
            String signature = MidtransSignature.compute(text(node, "order_id"), text(node, "status_code"),
                    text(node, "gross_amount"), "askvnoibnosifnboseofinbofinfgbiufglnbfg");
            return new Body(body.family(), body.contentType(), text.replace("SIGNATURE", signature)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (Exception notJson) {
            return body;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static InboundRequest request(Body body, Map<String, String> headers) {
        return new InboundRequest("https://hub.example/hooks/t/payments/p", body.contentType(), headers, Map.of(), body.bytes());
    }

    /** A ledger in which every invoice id the callback names exists, so the parsing runs to its end. */
    private static final class EveryInvoiceKnown extends BillingLedger {

        EveryInvoiceKnown(Clock clock) {
            super(null, clock);
        }

        @Override
        public Optional<Invoice> find(String tenant, String invoiceId) {
            return Optional.of(new Invoice(invoiceId, tenant, "req-1", null, null, "any", InvoiceStatus.PENDING,
                    BigDecimal.valueOf(50000), BigDecimal.ZERO, "IDR", LocalDate.of(2026, 11, 30), "Test", null, List.of(),
                    null, 0, NOW));
        }

        @Override
        public Optional<Invoice> byProviderId(String tenant, String provider, String providerId) {
            return find(tenant, "inv-of-" + providerId);
        }
    }
}
