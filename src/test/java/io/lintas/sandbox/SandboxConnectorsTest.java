package io.lintas.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.Customer;
import io.lintas.billing.FixedVaLedger;
import io.lintas.billing.Invoice;
import io.lintas.billing.InvoiceLine;
import io.lintas.billing.InvoiceStatus;
import io.lintas.billing.PaymentUpdate;
import io.lintas.connector.billing.BillingResponse;
import io.lintas.connector.billing.BillingTransport;
import io.lintas.connector.billing.MidtransCharges;
import io.lintas.connector.billing.PaymentCallback;
import io.lintas.connector.billing.StripeInvoices;
import io.lintas.connector.billing.StripeSignatureVerifier;
import io.lintas.connector.billing.XenditFixedVas;
import io.lintas.connector.billing.XenditInvoices;
import io.lintas.tenant.BillingConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's own billing connectors (io.lintas.connector.billing) against the sandbox stand-ins, over HTTP: what the
 * hub sends is accepted, what the stand-ins answer is read as the hub reads the real providers — the invoice is
 * issued with its VA (Xendit, Midtrans) or hosted link (Stripe), found again by external_id / order_id, and after the
 * sandbox's payment the hub's re-check says PAID with the right amount. Stripe's event signature is the contract's.
 */
class SandboxConnectorsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxServer sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What BillingKameletTransport does, in plain JDK: base URL + path, the provider's auth, the idempotency key. */
    static final BillingTransport TRANSPORT = (billing, call) -> {
        String auth = "stripe".equals(billing.provider()) ? "Bearer " + billing.secretKey()
                : "Basic " + Base64.getEncoder().encodeToString((billing.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(billing.baseUrl() + call.path()
                + (call.query() == null || call.query().isEmpty() ? "" : "?" + call.query())))
                .header("Authorization", auth).header("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        if ("GET".equals(call.method())) {
            request.GET();
        } else {
            request.header("Content-Type", call.contentType()).POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new BillingResponse(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(0, 2, 50, Clock.systemUTC(), -1, PaymentCallbacks.NONE);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static BillingConfig config(String provider, String url, String key, List<String> banks) {
        return new BillingConfig(provider, url, key, "xendit".equals(provider) ? "tok" : null,
                "stripe".equals(provider) ? "whsec_sandbox_test" : null, banks, 3, 1, "id", Duration.ofSeconds(5), null, null, true, false);
    }

    static Invoice invoice(String id, String provider) {
        return new Invoice(id, "acme", "k-" + id, null, null, provider, InvoiceStatus.PENDING, new BigDecimal("150000"), null,
                "IDR", LocalDate.now().plusDays(3), "Order " + id,
                new Customer("Budi Santoso", "budi@example.co.id", "+6281234567890", "id"),
                List.of(new InvoiceLine("Paket Hemat", new BigDecimal("2"), new BigDecimal("50000")),
                        new InvoiceLine("Ongkir", BigDecimal.ONE, new BigDecimal("50000"))),
                null, 0, Instant.now());
    }

    static PaymentCallback callback(String provider, String invoiceId, String ref, String eventKey, String status) {
        return new PaymentCallback("cb-1", "acme", provider, invoiceId, ref, eventKey, status, null, Instant.now(), "{}");
    }

    @Test
    void theHubsXenditConnectorIssuesFindsAndSeesThePayment() {
        BillingConfig billing = config("xendit", SandboxUrls.xenditUrl(sandbox.port()), "xnd_development_conn", List.of("MANDIRI", "BCA"));
        XenditInvoices xendit = new XenditInvoices(TRANSPORT, JSON);
        Invoice invoice = invoice("01JQSANDBOXCONNXENDIT00001", "xendit");

        Invoice.Issued issued = xendit.create(invoice, billing);
        assertThat(issued.bank()).isEqualTo("MANDIRI");
        assertThat(issued.vaNumber()).startsWith("88608").hasSize(13);
        assertThat(issued.paymentLink()).startsWith("https://checkout-staging.xendit.co/web/");
        assertThat(xendit.lookup(invoice, billing)).hasValueSatisfying(found -> assertThat(found).isEqualTo(issued));
        assertThat(xendit.lookup(invoice("01JQSANDBOXCONNXENDIT00002", "xendit"), billing)).isEmpty();

        assertThat(xendit.recheck(invoice, billing, callback("xendit", invoice.id(), issued.providerId(), "e1", "PAID")).kind())
                .isEqualTo(PaymentUpdate.Kind.PENDING);
        sandbox.xendit().pay(invoice.id(), null, null);
        PaymentUpdate paid = xendit.recheck(invoice, billing, callback("xendit", invoice.id(), issued.providerId(), "e2", "PAID"));
        assertThat(paid.kind()).isEqualTo(PaymentUpdate.Kind.PAID);
        assertThat(paid.amount()).isEqualByComparingTo("150000");
    }

    @Test
    void theHubsXenditConnectorBindsEachInvoiceOfACustomerToTheirFixedVa() {
        BillingConfig c = config("xendit", SandboxUrls.xenditUrl(sandbox.port()), "xnd_development_fva", List.of("BNI", "BCA"));
        BillingConfig billing = new BillingConfig(c.provider(), c.baseUrl(), c.secretKey(), c.callbackToken(), c.webhookSecret(),
                c.banks(), c.dueDays(), c.reminderDays(), c.language(), c.timeout(), null, null, true, true);
        org.h2.jdbcx.JdbcDataSource db = new org.h2.jdbcx.JdbcDataSource();
        db.setURL("jdbc:h2:mem:sandboxfva;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(db);
        try {
            jdbc.execute(java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/db/migration/V11__fixed_va.sql")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        XenditInvoices xendit = new XenditInvoices(TRANSPORT, JSON,
                new XenditFixedVas(new FixedVaLedger(jdbc, Clock.systemUTC()), TRANSPORT, JSON));

        Invoice.Issued first = xendit.create(invoice("01JQSANDBOXCONNXENDITFVA01", "xendit"), billing);
        Invoice.Issued second = xendit.create(invoice("01JQSANDBOXCONNXENDITFVA02", "xendit"), billing);

        assertThat(first.bank()).isEqualTo("BNI");
        assertThat(first.vaNumber()).startsWith("8808").isEqualTo(second.vaNumber());
        assertThat(first.providerId()).isNotEqualTo(second.providerId());
        // the sandbox's own invoice shows the customer's account as its BNI VA
        assertThat(sandbox.xendit().find("01JQSANDBOXCONNXENDITFVA02").path("available_banks").findValuesAsText("bank_account_number"))
                .contains(first.vaNumber());
    }

    @Test
    void theHubsMidtransConnectorChargesFindsAndSeesTheSettlement() {
        BillingConfig billing = config("midtrans", SandboxUrls.midtransUrl(sandbox.port()), "SB-Mid-server-conn", List.of("BNI"));
        MidtransCharges midtrans = new MidtransCharges(TRANSPORT, JSON);
        Invoice invoice = invoice("01JQSANDBOXCONNMIDTRANS001", "midtrans");

        Invoice.Issued issued = midtrans.create(invoice, billing);
        assertThat(issued.bank()).isEqualTo("BNI");
        assertThat(issued.vaNumber()).matches("\\d{14}");
        // a second charge (the answer was lost): 406, resolved by the status GET to the same transaction
        assertThat(midtrans.create(invoice, billing)).isEqualTo(issued);
        assertThat(midtrans.lookup(invoice("01JQSANDBOXCONNMIDTRANS002", "midtrans"), billing)).isEmpty();

        sandbox.midtrans().pay(invoice.id());
        PaymentUpdate paid = midtrans.recheck(invoice, billing, callback("midtrans", invoice.id(), issued.providerId(), "e1", "settlement"));
        assertThat(paid.kind()).isEqualTo(PaymentUpdate.Kind.PAID);
        assertThat(paid.amount()).isEqualByComparingTo("150000");

        Invoice mandiri = invoice("01JQSANDBOXCONNMIDTRANS003", "midtrans");
        Invoice.Issued bill = midtrans.create(mandiri, config("midtrans", SandboxUrls.midtransUrl(sandbox.port()),
                "SB-Mid-server-conn", List.of("MANDIRI")));
        assertThat(bill.bank()).isEqualTo("MANDIRI");
        assertThat(bill.vaNumber()).matches("70012 \\d{12}");
    }

    @Test
    void theHubsStripeConnectorRunsItsChainTwiceSafelyAndSeesThePayment() {
        BillingConfig billing = config("stripe", SandboxUrls.stripeUrl(sandbox.port()), "sk_test_conn", List.of());
        StripeInvoices stripe = new StripeInvoices(TRANSPORT, JSON);
        Invoice invoice = invoice("01JQSANDBOXCONNSTRIPE00001", "stripe");

        Invoice.Issued issued = stripe.create(invoice, billing);
        assertThat(issued.providerId()).startsWith("in_");
        assertThat(issued.customerRef()).startsWith("cus_");
        assertThat(issued.paymentLink()).startsWith("https://invoice.stripe.com/i/");
        assertThat(issued.vaNumber()).isNull();
        // the whole chain again (an unclear outcome): every keyed call is replayed, nothing made twice
        assertThat(stripe.create(invoice, billing)).isEqualTo(issued);
        assertThat(sandbox.stripe().stats().invoices()).isEqualTo(1);
        assertThat(sandbox.stripe().stats().customers()).isEqualTo(1);

        StripeAccount.Payment payment = sandbox.stripe().pay(invoice.id());
        assertThat(payment.event().path("type").asText()).isEqualTo("invoice.paid");
        assertThat(payment.event().path("data").path("object").path("metadata").path("lintas_invoice_id").asText())
                .isEqualTo(invoice.id());
        PaymentUpdate paid = stripe.recheck(invoice, billing, callback("stripe", invoice.id(), issued.providerId(),
                payment.event().path("id").asText(), "invoice.paid"));
        assertThat(paid.kind()).isEqualTo(PaymentUpdate.Kind.PAID);
        assertThat(paid.amount()).isEqualByComparingTo("150000");
    }

    @Test
    void thePayHelpersDeliverCallbacksTheHubsVerifiersAccept() throws Exception {
        java.util.Map<String, String[]> received = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer hub = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/hooks/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String provider = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            received.put(provider, new String[] {new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("x-callback-token"), exchange.getRequestHeaders().getFirst("Stripe-Signature")});
            byte[] ok = "{\"status\":\"received\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        hub.start();
        String base = "http://127.0.0.1:" + hub.getAddress().getPort() + "/hooks/acme/payments/";
        try (SandboxServer own = SandboxServer.start(0, 2, 50, Clock.systemUTC(), -1, (provider, key) -> java.util.Optional.of(
                new PaymentCallbacks.Target(base + provider, "xendit".equals(provider) ? java.util.Map.of("x-callback-token", "tok")
                        : java.util.Map.of(), "stripe".equals(provider) ? "whsec_sandbox_test" : null)))) {
            Invoice x = invoice("01JQSANDBOXDELIVERX0000001", "xendit");
            new XenditInvoices(TRANSPORT, JSON).create(x, config("xendit", SandboxUrls.xenditUrl(own.port()), "xnd_d", List.of("BCA")));
            Invoice m = invoice("01JQSANDBOXDELIVERM0000001", "midtrans");
            new MidtransCharges(TRANSPORT, JSON).create(m, config("midtrans", SandboxUrls.midtransUrl(own.port()), "SB-Mid-d", List.of("BCA")));
            Invoice s = invoice("01JQSANDBOXDELIVERS0000001", "stripe");
            Invoice.Issued stripeIssued = new StripeInvoices(TRANSPORT, JSON).create(s,
                    config("stripe", SandboxUrls.stripeUrl(own.port()), "sk_test_d", List.of()));
            SandboxClient client = new SandboxClient(own.baseUrl());
            for (String path : List.of("/sandbox/xendit/invoices/" + x.id() + "/pay", "/sandbox/midtrans/orders/" + m.id() + "/pay",
                    "/sandbox/stripe/invoices/" + stripeIssued.providerId() + "/pay")) {
                SandboxClient.Answer answer = client.postJson(path, "");
                assertThat(answer.status()).as(path).isEqualTo(200);
                assertThat(answer.json().path("delivery").path("status").asInt()).as(answer.text()).isEqualTo(200);
            }
        } finally {
            hub.stop(0);
        }
        assertThat(received.get("xendit")[1]).isEqualTo("tok");
        assertThat(JSON.readTree(received.get("xendit")[0]).path("external_id").asText()).isEqualTo("01JQSANDBOXDELIVERX0000001");
        var midtrans = JSON.readTree(received.get("midtrans")[0]);
        assertThat(io.lintas.connector.billing.MidtransSignature.matches(midtrans.path("order_id").asText(),
                midtrans.path("status_code").asText(), midtrans.path("gross_amount").asText(), "SB-Mid-d",
                midtrans.path("signature_key").asText())).isTrue();
        String stripeBody = received.get("stripe")[0];
        assertThat(new StripeSignatureVerifier(Clock.systemUTC()).verify("whsec_sandbox_test", received.get("stripe")[2],
                stripeBody.getBytes(StandardCharsets.UTF_8))).isEqualTo(StripeSignatureVerifier.Outcome.VALID);
        assertThat(JSON.readTree(stripeBody).path("type").asText()).isEqualTo("invoice.paid");
    }

    @Test
    void theStripeSignatureIsTheContractsAndTheHubAcceptsIt() {
        String payload = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
        // contract §9.2 computed vectors
        assertThat(PaymentStandIns.stripeSignature("whsec_test_secret", 12345, payload))
                .isEqualTo("t=12345,v1=2672d138c9a412830f3bfe2ecc5bfb3277cf6f5b49d0119d77dd6cb64da1257e");
        assertThat(PaymentStandIns.stripeSignature("whsec_test_secret", 1700000000, payload))
                .isEqualTo("t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150");
        StripeSignatureVerifier verifier = new StripeSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(1700000100), ZoneOffset.UTC));
        assertThat(verifier.verify("whsec_test_secret", PaymentStandIns.stripeSignature("whsec_test_secret", 1700000000, payload),
                payload.getBytes(StandardCharsets.UTF_8))).isEqualTo(StripeSignatureVerifier.Outcome.VALID);
    }
}
