package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.billing.InvoiceNotice;
import io.lintas.connector.billing.StripeSignatureVerifier;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stripe end to end (contract sheet §3): customer → draft invoice (send_invoice) → items attached with invoice= →
 * finalize → send, each with its own Idempotency-Key → the ISSUED notice carries the hosted invoice link →
 * Stripe-Signature'd events (invoice.paid twice, an invoice.voided out of order), each re-read with
 * GET /v1/invoices/{id} → PAID once, one receipt. A replay older than 300 s is refused.
 */
class StripeBillingRouteTest extends BillingStandIns {

    static final String SECRET = "whsec_test_secret";
    static final String STRIPE_INVOICE = "in_1MtHbELkdIwHu7ixl4OzzPMv";
    static final String HOSTED = "https://invoice.stripe.com/i/acct_1M2JTkLkdIwHu7ix/test_YWNjdF8x";

    static String invoiceJson(String status, long amountPaid, String lintasId) {
        return """
                {"id":"%s","object":"invoice","status":"%s","amount_due":15000000,"amount_paid":%d,
                 "amount_remaining":%d,"currency":"rub","customer":"cus_NffrFeUfNV2Hib","collection_method":"send_invoice",
                 "hosted_invoice_url":"%s","invoice_pdf":"%s/pdf","number":"ABC-0001",
                 "metadata":{"lintas_invoice_id":"%s","lintas_tenant":"rusco"}}
                """.formatted(STRIPE_INVOICE, status, amountPaid, 15000000 - amountPaid, HOSTED, HOSTED, lintasId);
    }

    static String event(String id, String type, String object) {
        return "{\n  \"id\": \"" + id + "\",\n  \"object\": \"event\",\n  \"api_version\": \"2026-07-29.dahlia\",\n"
                + "  \"type\": \"" + type + "\",\n  \"data\": {\n    \"object\": " + object.strip() + "\n  }\n}";
    }

    HttpResponse<String> send(String body, long t) {
        String header = "t=" + t + ",v1=" + StripeSignatureVerifier.sign(SECRET, String.valueOf(t), body.getBytes(StandardCharsets.UTF_8));
        return client.post("/hooks/rusco/payments/stripe", "application/json", body, "Stripe-Signature", header);
    }

    void stubChain() {
        PROVIDER.stubFor(post("/v1/customers").willReturn(json("{\"id\":\"cus_NffrFeUfNV2Hib\",\"object\":\"customer\"}")));
        PROVIDER.stubFor(post("/v1/invoices").willReturn(json(invoiceJson("draft", 0, null).replace(HOSTED, ""))));
        PROVIDER.stubFor(post("/v1/invoiceitems").willReturn(json("{\"id\":\"ii_1MtGUtLkdIwHu7ixBYwjAM00\",\"object\":\"invoiceitem\"}")));
        PROVIDER.stubFor(post("/v1/invoices/" + STRIPE_INVOICE + "/finalize").willReturn(json(invoiceJson("open", 0, null))));
        PROVIDER.stubFor(post("/v1/invoices/" + STRIPE_INVOICE + "/send").willReturn(json(invoiceJson("open", 0, null))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void aCardInvoiceIsMadeStepByStepOnceAndPaidOnce() throws Exception {
        stubChain();

        String invoiceId = requestInvoice(order("rusco", "order-s1"));

        String key = "lintas-" + invoiceId;
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/customers")).withHeader("Idempotency-Key", equalTo(key + "-customer"))
                .withHeader("Authorization", equalTo("Bearer sk_test_rusco"))
                .withRequestBody(containing("email=budi%40example.co.id")));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/invoices")).withHeader("Idempotency-Key", equalTo(key + "-invoice"))
                .withRequestBody(containing("collection_method=send_invoice"))
                .withRequestBody(containing("days_until_due=7"))
                .withRequestBody(containing("metadata%5Blintas_invoice_id%5D=" + invoiceId)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/invoiceitems")).withHeader("Idempotency-Key", equalTo(key + "-item-1"))
                .withRequestBody(containing("invoice=" + STRIPE_INVOICE)).withRequestBody(containing("amount=10000000"))
                .withRequestBody(containing("currency=rub")));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/invoiceitems")).withHeader("Idempotency-Key", equalTo(key + "-item-2"))
                .withRequestBody(containing("amount=5000000")));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/invoices/" + STRIPE_INVOICE + "/finalize"))
                .withHeader("Idempotency-Key", equalTo(key + "-finalize")));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v1/invoices/" + STRIPE_INVOICE + "/send"))
                .withHeader("Idempotency-Key", equalTo(key + "-send")));
        assertThat(awaitNotices(invoiceId, 1)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(InvoiceNotice.Kind.ISSUED);
            assertThat(n.paymentLink()).isEqualTo(HOSTED);
            assertThat(n.vaNumber()).isNull();
            assertThat(n.currency()).isEqualTo("RUB");
            assertThat(n.language()).isEqualTo("ru");
        });

        PROVIDER.stubFor(get("/v1/invoices/" + STRIPE_INVOICE).willReturn(json(invoiceJson("paid", 15000000, invoiceId))));
        String paid = event("evt_1NG8Du2eZvKYlo2CUI79vXWy", "invoice.paid", invoiceJson("paid", 15000000, invoiceId));
        String voided = event("evt_1NG8Du2eZvKYlo2CvoidXWy", "invoice.voided", invoiceJson("void", 0, invoiceId));
        long now = Instant.now().getEpochSecond();
        deliverAll(
                () -> assertThat(send(paid, now).statusCode()).isEqualTo(200),
                () -> assertThat(send(voided, now).statusCode()).isEqualTo(200),
                () -> assertThat(send(paid, now + 1).statusCode()).as("Stripe's retry, signed again").isEqualTo(200));

        assertThat(awaitNotices(invoiceId, 2)).extracting(InvoiceNotice::kind)
                .containsExactly(InvoiceNotice.Kind.ISSUED, InvoiceNotice.Kind.PAID_RECEIPT);
        assertThat(awaitNotices(invoiceId, 2).get(1).amountPaid()).isEqualByComparingTo("150000");
        assertThat(status(invoiceId)).isEqualTo("PAID");
        assertThat(ledger.history(invoiceId)).filteredOn(h -> h.contains("→PAID")).hasSize(1);
        nothingDeadLettered(invoiceId);

        HttpResponse<String> replay = send(paid, now - 301);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("stale or replayed");
        HttpResponse<String> forged = client.post("/hooks/rusco/payments/stripe", "application/json", paid,
                "Stripe-Signature", "t=" + now + ",v1=" + "ab".repeat(32));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("no v1 signature");
        HttpResponse<String> unrelated = send(event("evt_customer", "customer.created",
                "{\"id\":\"cus_NffrFeUfNV2Hib\",\"object\":\"customer\"}"), now);
        assertThat(unrelated.statusCode()).as("genuine, about no invoice: acknowledged so Stripe does not retry").isEqualTo(200);
    }
}
