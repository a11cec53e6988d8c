package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.billing.InvoiceNotice;
import io.lintas.billing.InvoiceSettled;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * Xendit end to end (contract sheet §1): an order through POST /api/invoices → POST /v2/invoices with
 * external_id = the Lintas invoice id → the ISSUED notice carries the BCA VA number from available_banks → the
 * x-callback-token callback arrives twice, out of order with an expiry → each re-read with GET /v2/invoices/{id} →
 * PAID once, one PAID_RECEIPT, one on-PAID hook. Also: a create that times out after Xendit applied it is found by
 * external_id (one POST), and forged callbacks are refused with 401.
 */
class XenditBillingRouteTest extends BillingStandIns {

    static final String TOKEN = "acme-xendit-callback-token";
    static final String BCA_VA = "1076619999999";

    /** Xendit's Invoice answer (docs/invoice/Invoice.md fields), id and external_id from the request. */
    static String invoiceJson(String externalId, String status) {
        return """
                {"id":"xnd-%1$s","external_id":"%1$s","user_id":"5781d19b2e2385880609791c","status":"%2$s",
                 "merchant_name":"Acme Indonesia","amount":150000,"paid_amount":%3$s,"currency":"IDR",
                 "expiry_date":"2026-12-01T00:00:00.000Z",
                 "invoice_url":"https://checkout-staging.xendit.co/web/xnd-%1$s",
                 "available_banks":[
                   {"bank_code":"BCA","collection_type":"POOL","bank_branch":"Virtual Account","bank_account_number":"%4$s",
                    "account_holder_name":"ACME INDONESIA","transfer_amount":150000},
                   {"bank_code":"MANDIRI","collection_type":"POOL","bank_branch":"Virtual Account",
                    "bank_account_number":"886089999497724","account_holder_name":"ACME INDONESIA","transfer_amount":150000}],
                 "should_send_email":false,"created":"2026-11-25T10:00:00.000Z","updated":"2026-11-25T10:00:00.000Z"}
                """.formatted(externalId, status, "PAID".equals(status) ? "150000" : "null", BCA_VA);
    }

    static final String CREATE_ANSWER = invoiceJson("{{jsonPath request.body '$.external_id'}}", "PENDING");

    /** A wire-format callback (contract §1.2, the captured VA payment) for this invoice. */
    static String callback(String invoiceId, String status) {
        String paid = "PAID".equals(status) ? """
                "paid_at":"2026-11-25T10:58:35.534Z","paid_amount":150000,"payment_method":"BANK_TRANSFER",
                "payment_channel":"BCA","payment_destination":"%s","bank_code":"BCA",""".formatted(BCA_VA) : "";
        return """
                {"id":"xnd-%1$s","amount":150000,"status":"%2$s","created":"2026-11-25T10:56:04.761Z",%3$s
                 "updated":"2026-11-25T10:58:35.843Z","user_id":"5781d19b2e2385880609791c","currency":"IDR",
                 "description":"Order","external_id":"%1$s","merchant_name":"Acme Indonesia"}
                """.formatted(invoiceId, status, paid);
    }

    HttpResponse<String> send(String body, String token) {
        return token == null ? client.post("/hooks/acme/payments/xendit", "application/json", body)
                : client.post("/hooks/acme/payments/xendit", "application/json", body, "x-callback-token", token);
    }

    @Test
    void anOrderIsInvoicedWithAVaNumberAndPaidOnceWhateverTheCallbacks() throws Exception {
        PROVIDER.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CREATE_ANSWER).withTransformers("response-template")));

        String invoiceId = requestInvoice(order("acme", "order-x1"));

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v2/invoices"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("xnd_development_acme_test_key:".getBytes())))
                .withRequestBody(matchingJsonPath("$.external_id", equalTo(invoiceId)))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("150000")))
                .withRequestBody(matchingJsonPath("$.customer.mobile_number", equalTo("+6281234567890")))
                .withRequestBody(matchingJsonPath("$.payer_email", equalTo("budi@example.co.id")))
                .withRequestBody(matchingJsonPath("$.items[0].name", equalTo("Paket Hemat")))
                .withRequestBody(matchingJsonPath("$.payment_methods[0]", equalTo("BCA")))
                .withRequestBody(matchingJsonPath("$.invoice_duration", equalTo("259200"))));
        List<InvoiceNotice> issued = awaitNotices(invoiceId, 1);
        assertThat(issued).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(InvoiceNotice.Kind.ISSUED);
            assertThat(n.vaNumber()).isEqualTo(BCA_VA);
            assertThat(n.bank()).isEqualTo("BCA");
            assertThat(n.paymentLink()).isEqualTo("https://checkout-staging.xendit.co/web/xnd-" + invoiceId);
            assertThat(n.customerPhone()).isEqualTo("+6281234567890");
            assertThat(n.language()).isEqualTo("id");
            assertThat(n.amount()).isEqualByComparingTo("150000");
            assertThat(n.noticeId()).isEqualTo(invoiceId + ":ISSUED");
        });
        assertThat(status(invoiceId)).isEqualTo("PENDING");

        // Xendit's truth: paid
        PROVIDER.stubFor(get("/v2/invoices/xnd-" + invoiceId).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(invoiceJson(invoiceId, "PAID"))));

        deliverAll(
                () -> assertThat(send(callback(invoiceId, "PAID"), TOKEN).statusCode()).isEqualTo(200),
                () -> assertThat(send(callback(invoiceId, "EXPIRED"), TOKEN).statusCode()).isEqualTo(200),
                () -> assertThat(send(callback(invoiceId, "PAID"), TOKEN).statusCode()).isEqualTo(200));

        assertThat(awaitNotices(invoiceId, 2)).hasSize(2);
        assertThat(status(invoiceId)).isEqualTo("PAID");
        assertThat(ledger.history(invoiceId)).filteredOn(h -> h.contains("→PAID")).hasSize(1);
        assertThat(notices(invoiceId)).extracting(InvoiceNotice::kind)
                .containsExactly(InvoiceNotice.Kind.ISSUED, InvoiceNotice.Kind.PAID_RECEIPT);
        assertThat(notices(invoiceId).get(1).amountPaid()).isEqualByComparingTo("150000");
        List<String> paid = messages("lintas.paid", invoiceId);
        assertThat(paid).singleElement().satisfies(m -> {
            InvoiceSettled settled = read(m, InvoiceSettled.class);
            assertThat(settled.kind()).isEqualTo(InvoiceSettled.Kind.PAID);
            assertThat(settled.paidStage()).isEqualTo("C1:WON");
        });
        // every callback was re-read at Xendit before it was trusted (the duplicate was dropped before that)
        PROVIDER.verify(2, getRequestedFor(urlEqualTo("/v2/invoices/xnd-" + invoiceId)));
        nothingDeadLettered(invoiceId);
    }

    @Test
    void aCreateThatTimesOutAfterXenditAppliedItIsFoundByExternalIdNotPostedAgain() throws Exception {
        // the tenant's timeout is 5 s: Xendit applies the create but answers too late
        PROVIDER.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(200).withFixedDelay(7000)
                .withHeader("Content-Type", "application/json").withBody(CREATE_ANSWER).withTransformers("response-template")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v2/invoices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("[" + invoiceJson("{{request.query.external_id}}", "PENDING") + "]")
                .withTransformers("response-template")));

        String invoiceId = requestInvoice(order("acme", "order-x2"));

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v2/invoices")));
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/v2/invoices?external_id=" + invoiceId)));
        assertThat(awaitNotices(invoiceId, 1)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(InvoiceNotice.Kind.ISSUED);
            assertThat(n.vaNumber()).isEqualTo(BCA_VA);
        });
        JsonNode row = tree(json.writeValueAsString(jdbc.queryForMap(
                "SELECT provider_id, issue_attempts FROM invoice WHERE id = ?", invoiceId)));
        assertThat(row.path("provider_id").asText()).isEqualTo("xnd-" + invoiceId);
        assertThat(row.path("issue_attempts").asInt()).isEqualTo(1);
        nothingDeadLettered(invoiceId);
    }

    @Test
    void theSameRequestKeyMakesOneInvoice() throws Exception {
        PROVIDER.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CREATE_ANSWER).withTransformers("response-template")));
        String first = requestInvoice(order("acme", "order-x3"));
        assertThat(awaitNotices(first, 1)).hasSize(1);
        // asked again (a client's retry): the same invoice id, 200, nothing queued
        HttpResponse<String> again = client.postAsUser("/api/invoices", order("acme", "order-x3"), "admin", "test-admin-password");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(tree(again.body()).path("invoiceId").asText()).isEqualTo(first);
        assertThat(tree(again.body()).path("status").asText()).isEqualTo("exists");
        // the same key reaching the billing queue again anyway (two API calls racing): still the one invoice
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("billing").filter(BillingStandIns::wholeMessage)
                .whenDone(1).create();
        jms.convertAndSend("lintas.billing", """
                {"invoiceId":"01JQ7Z8X9Y0ABCDEFGHJKMNPQR","tenant":"acme","requestKey":"api:order-x3",
                 "customer":{"name":"Budi","email":"budi@example.co.id","language":"id"},
                 "lines":[{"name":"Paket","quantity":1,"unitPrice":150000}],"currency":"IDR"}
                """);
        assertThat(handled.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v2/invoices")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE tenant = 'acme' AND request_key = 'api:order-x3'",
                Integer.class)).isEqualTo(1);
        assertThat(notices(first)).extracting(InvoiceNotice::kind).containsExactly(InvoiceNotice.Kind.ISSUED);
        nothingDeadLettered(first);
    }

    @Test
    void forgedCallbacksAreRefusedWithAReason() throws Exception {
        HttpResponse<String> noToken = send(callback("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "PAID"), null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("x-callback-token header is required");
        HttpResponse<String> wrong = send(callback("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "PAID"), "acme-xendit-callback-tokeX");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("x-callback-token does not match");
        HttpResponse<String> unknown = send(callback("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "PAID"), TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown invoice");
        assertThat(client.post("/hooks/acme/payments/midtrans", "application/json", "{}").statusCode()).isEqualTo(404);
        assertThat(client.post("/hooks/nobody/payments/xendit", "application/json", "{}").statusCode()).isEqualTo(404);
        assertThat(send("not json", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void aFixedVasOwnCallbacksAreAcknowledgedAndChangeNothing() throws Exception {
        // fva_status for an account Lintas made, and fva_paid (contract §1.3): the bound invoice's callback decides
        String status = """
                {"id":"60513720d0435601d9d43e5e","external_id":"lintas-fva-0123456789abcdef01234567","bank_code":"BCA",
                 "merchant_code":"10766","name":"Budi Santoso","account_number":"1076699990001","status":"ACTIVE",
                 "is_closed":false,"is_single_use":false,"owner_id":"5fd1c319b9986239d7ec5567"}""";
        String paid = """
                {"id":"57fb4e076fa3fa296b7f5a97","payment_id":"demo-1476087608948_1476087303080",
                 "callback_virtual_account_id":"60513720d0435601d9d43e5e","owner_id":"57b4e5181473eeb61c11f9b9",
                 "external_id":"lintas-fva-0123456789abcdef01234567","account_number":"1076699990001","bank_code":"BCA",
                 "amount":150000,"transaction_timestamp":"2026-11-25T08:15:03.080Z","merchant_code":"10766",
                 "sender_name":"BUDI SANTOSO","updated":"2026-11-25T08:15:03.404Z","created":"2026-11-25T08:15:03.404Z"}""";
        int paymentsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM payment_event", Integer.class);

        assertThat(send(status, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(paid, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(paid, "acme-xendit-callback-tokeX").statusCode()).as("still only with the token").isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_event", Integer.class)).isEqualTo(paymentsBefore);
    }

    @Test
    void theInvoiceApiNeedsTheAdminAndAValidOrder() throws Exception {
        assertThat(client.postAsUser("/api/invoices", order("acme", "x"), null, null).statusCode()).isEqualTo(401);
        assertThat(client.postAsUser("/api/invoices", order("acme", "x"), "viewer", "test-viewer-password").statusCode())
                .isEqualTo(403);
        HttpResponse<String> noItems = client.postAsUser("/api/invoices",
                "{\"tenant\":\"acme\",\"customer\":{\"email\":\"a@b.co\"},\"items\":[]}", "admin", "test-admin-password");
        assertThat(noItems.statusCode()).isEqualTo(422);
        assertThat(noItems.body()).contains("items");
        HttpResponse<String> badPhone = client.postAsUser("/api/invoices",
                "{\"tenant\":\"acme\",\"customer\":{\"phone\":\"12\"},\"items\":[{\"name\":\"A\",\"price\":1}]}",
                "admin", "test-admin-password");
        assertThat(badPhone.statusCode()).isEqualTo(422);
        assertThat(badPhone.body()).contains("customer.phone");
        assertThat(client.postAsUser("/api/invoices", "{\"tenant\":\"nobody\"}", "admin", "test-admin-password").statusCode())
                .isEqualTo(404);
    }
}
