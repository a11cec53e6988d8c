package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.billing.InvoiceNotice;
import io.lintas.billing.InvoiceSettled;
import io.lintas.connector.billing.MidtransSignature;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Midtrans end to end (contract sheet §2): POST /v2/charge (bank_transfer bca, Idempotency-Key) → the ISSUED
 * notice carries va_numbers[0].va_number → signed notifications (settlement twice, an expire out of order) each
 * re-checked with GET /v2/{order_id}/status → PAID once, one receipt; a later deny reverses it, told once.
 */
class MidtransBillingRouteTest extends BillingStandIns {

    static final String SERVER_KEY = "askvnoibnosifnboseofinbofinfgbiufglnbfg";
    static final String VA = "812785002530231";

    /** The contract's BCA charge answer, for this order. */
    static final String CHARGE_ANSWER = """
            {"status_code":"201","status_message":"Success, Bank Transfer transaction is created",
             "transaction_id":"be03df7d-2f97-4c8c-a53c-8959f1b67295",
             "order_id":"{{jsonPath request.body '$.transaction_details.order_id'}}","merchant_id":"G812785002",
             "gross_amount":"150000.00","currency":"IDR","payment_type":"bank_transfer",
             "transaction_time":"2019-10-23 16:33:49","transaction_status":"pending",
             "va_numbers":[{"bank":"bca","va_number":"%s"}],"fraud_status":"accept"}
            """.formatted(VA);

    /** The contract's BCA VA notification (§2.2) for this order, signed with the tenant's server key. */
    static String notification(String orderId, String status, String statusCode, String transactionId) {
        String signature = MidtransSignature.compute(orderId, statusCode, "150000.00", SERVER_KEY);
        return """
                {"va_numbers":[{"va_number":"%5$s","bank":"bca"}],"transaction_time":"2021-06-23 11:27:20",
                 "transaction_status":"%2$s","transaction_id":"%4$s","status_message":"midtrans payment notification",
                 "status_code":"%3$s","signature_key":"%6$s","settlement_time":"2021-06-23 11:27:50",
                 "payment_type":"bank_transfer","payment_amounts":[],"order_id":"%1$s","merchant_id":"G141532850",
                 "gross_amount":"150000.00","fraud_status":"accept","currency":"IDR"}
                """.formatted(orderId, status, statusCode, transactionId, VA, signature);
    }

    void midtransSays(String orderId, String status, String statusCode) {
        PROVIDER.stubFor(get("/v2/" + orderId + "/status").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(notification(orderId, status, statusCode, "9aed5972-5b6a-401e-894b-a32c91ed1a3a"))));
    }

    HttpResponse<String> send(String body) {
        return client.post("/hooks/kopi/payments/midtrans", "application/json", body);
    }

    @Test
    void aChargeCarriesItsVaNumberAndIsPaidOnceThenReversedOnce() throws Exception {
        PROVIDER.stubFor(post("/v2/charge").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CHARGE_ANSWER).withTransformers("response-template")));

        String invoiceId = requestInvoice(order("kopi", "order-m1"));

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v2/charge"))
                .withHeader("Idempotency-Key", equalTo(invoiceId))
                .withRequestBody(matchingJsonPath("$.payment_type", equalTo("bank_transfer")))
                .withRequestBody(matchingJsonPath("$.bank_transfer.bank", equalTo("bca")))
                .withRequestBody(matchingJsonPath("$.transaction_details.order_id", equalTo(invoiceId)))
                .withRequestBody(matchingJsonPath("$.transaction_details.gross_amount", equalTo("150000"))));
        assertThat(awaitNotices(invoiceId, 1)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(InvoiceNotice.Kind.ISSUED);
            assertThat(n.vaNumber()).isEqualTo(VA);
            assertThat(n.bank()).isEqualTo("BCA");
            assertThat(n.provider()).isEqualTo("midtrans");
        });

        midtransSays(invoiceId, "settlement", "200");
        String settlement = notification(invoiceId, "settlement", "200", "9aed5972-5b6a-401e-894b-a32c91ed1a3a");
        deliverAll(
                () -> assertThat(send(settlement).statusCode()).isEqualTo(200),
                () -> assertThat(send(notification(invoiceId, "expire", "407", "9aed5972-5b6a-401e-894b-a32c91ed1a3a"))
                        .statusCode()).isEqualTo(200),
                () -> assertThat(send(settlement).statusCode()).isEqualTo(200));

        assertThat(awaitNotices(invoiceId, 2)).extracting(InvoiceNotice::kind)
                .containsExactly(InvoiceNotice.Kind.ISSUED, InvoiceNotice.Kind.PAID_RECEIPT);
        assertThat(status(invoiceId)).isEqualTo("PAID");
        assertThat(ledger.history(invoiceId)).filteredOn(h -> h.contains("→PAID")).hasSize(1);
        PROVIDER.verify(2, getRequestedFor(urlEqualTo("/v2/" + invoiceId + "/status")));

        // Permata/Mandiri-style reversal: the settlement is later denied
        midtransSays(invoiceId, "deny", "202");
        deliverAll(() -> assertThat(send(notification(invoiceId, "deny", "202", "9aed5972-5b6a-401e-894b-a32c91ed1a3a"))
                .statusCode()).isEqualTo(200));
        assertThat(awaitNotices(invoiceId, 3)).extracting(InvoiceNotice::kind).containsExactly(InvoiceNotice.Kind.ISSUED,
                InvoiceNotice.Kind.PAID_RECEIPT, InvoiceNotice.Kind.REVERSED);
        assertThat(status(invoiceId)).isEqualTo("REVERSED");
        assertThat(messages("lintas.paid", invoiceId)).extracting(m -> read(m, InvoiceSettled.class).kind())
                .containsExactly(InvoiceSettled.Kind.PAID, InvoiceSettled.Kind.REVERSED);
        nothingDeadLettered(invoiceId);
    }

    @Test
    void aChargeThatTimesOutAfterMidtransAppliedItIsFoundByTheStatusCheckNotChargedAgain() throws Exception {
        // the tenant's timeout is 5 s: Midtrans applies the charge but answers too late
        PROVIDER.stubFor(post("/v2/charge").willReturn(aResponse().withStatus(200).withFixedDelay(7000)
                .withHeader("Content-Type", "application/json").withBody(CHARGE_ANSWER).withTransformers("response-template")));
        PROVIDER.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/v2/[0-9A-Z]{26}/status"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(CHARGE_ANSWER.replace("{{jsonPath request.body '$.transaction_details.order_id'}}",
                                "{{request.pathSegments.[1]}}").replace("\"201\"", "\"200\""))
                        .withTransformers("response-template")));

        String invoiceId = requestInvoice(order("kopi", "order-m2"));

        assertThat(awaitNotices(invoiceId, 1)).singleElement().satisfies(n -> assertThat(n.vaNumber()).isEqualTo(VA));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/v2/charge")));
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/v2/" + invoiceId + "/status")));
        nothingDeadLettered(invoiceId);
    }

    @Test
    void aForgedOrReformattedSignatureIsRefused() throws Exception {
        String genuine = notification("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "settlement", "200", "t-1");
        HttpResponse<String> forged = send(genuine.replace("\"gross_amount\":\"150000.00\"", "\"gross_amount\":\"1500000.00\""));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("signature_key does not match");
        HttpResponse<String> unsigned = send("{\"order_id\":\"x\",\"status_code\":\"200\",\"gross_amount\":\"1.00\"}");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("signature_key is required");
        assertThat(send(genuine).statusCode()).as("signed, but no such invoice").isEqualTo(404);
    }
}
