package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.billing.BillingLedger;
import io.lintas.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The default run's money loop with nothing outside the JVM (same context as {@link SandboxOnTest}: sandbox on, the
 * bundled tenants.yaml): an invoice asked of the demo tenant is made at the sandbox Xendit, its email with the VA
 * number is really delivered to the sandbox SMTP server and its SMS recorded by the Twilio stand-in; the sandbox's
 * "customer pays" helper sends Xendit's x-callback-token callback to the hub and the invoice turns PAID once, even
 * when the customer's bank sends the callback twice; the receipt email follows, once.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lintas.sandbox.enabled=true", "lintas.tenants.file=classpath:tenants.yaml"})
@ActiveProfiles("test")
class SandboxBillingTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxServer sandbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BillingLedger ledger;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anInvoiceForTheDemoTenantIsEmailedWithItsVaAndTextedAndTheSandboxPaymentMakesItPaidOnce() throws Exception {
        HttpResponse<String> accepted = new WebhookClient(port).postAsUser("/api/invoices", """
                {"tenant":"demo","requestKey":"sandbox-order-1","description":"Order 1",
                 "customer":{"name":"Budi Santoso","email":"budi@example.co.id","phone":"0812-3456-7890","language":"id"},
                 "items":[{"name":"Paket Hemat","quantity":2,"price":50000},{"name":"Ongkir","price":50000}]}
                """, "admin", "test-admin-password");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String invoiceId = json.readTree(accepted.body()).path("invoiceId").asText();

        // the sandbox Xendit made the invoice: its BCA VA (the demo's first bank) is what the customer must be told
        ObjectNode atXendit = await(() -> sandbox.xendit().find(invoiceId), "the invoice at the sandbox Xendit");
        assertThat(atXendit.path("status").asText()).isEqualTo("PENDING");
        String va = atXendit.path("available_banks").get(0).path("bank_account_number").asText();
        assertThat(atXendit.path("available_banks").get(0).path("bank_code").asText()).isEqualTo("BCA");
        assertThat(va).matches("\\d{10,}");

        // the email, read back from the sandbox SMTP server over its HTTP listing
        JsonNode email = await(() -> firstMail(invoiceId, "ISSUED"), "the invoice email in the sandbox SMTP server");
        assertThat(email.path("to").asText()).contains("budi@example.co.id");
        assertThat(email.path("from").asText()).contains("billing@demo.example");
        assertThat(email.path("text").asText()).contains(va).contains("BCA").contains("Rp150.000").contains(invoiceId);

        // the SMS, recorded by the Twilio stand-in
        JsonNode sms = await(() -> smsTo("+6281234567890", va), "the SMS with the VA number");
        assertThat(sms.path("body").asText()).contains("BCA " + va);
        assertThat(sms.path("sid").asText()).startsWith("SM");
        assertThat(sms.path("account_sid").asText()).isEqualTo("ACdemo00000000000000000000000000");

        // the customer pays; the bank's callback reaches the hub twice (Xendit warns of duplicates)
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("payments")
                .filter(BillingStandIns::wholeMessage).whenDone(2).create();
        JsonNode paid = pay(invoiceId);
        assertThat(paid.path("delivery").path("url").asText()).endsWith("/hooks/demo/payments/xendit");
        assertThat(paid.path("delivery").path("status").asInt()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.path("callback").path("external_id").asText()).isEqualTo(invoiceId);
        assertThat(paid.path("callback").path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("callback").path("payment_destination").asText()).isEqualTo(va);
        assertThat(pay(invoiceId).path("delivery").path("status").asInt()).isEqualTo(200);
        assertThat(handled.matches(30, TimeUnit.SECONDS)).as("the payments route handled both callbacks").isTrue();

        assertThat(jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoiceId)).isEqualTo("PAID");
        assertThat(ledger.history(invoiceId)).filteredOn(h -> h.contains("→PAID")).hasSize(1);
        assertThat(sandbox.xendit().find(invoiceId).path("status").asText()).isEqualTo("PAID");
        JsonNode receipt = await(() -> firstMail(invoiceId, "PAID_RECEIPT"), "the receipt email");
        assertThat(receipt.path("text").asText()).contains(invoiceId);
        assertThat(mails(invoiceId + ".PAID_RECEIPT")).hasSize(1);
        assertThat(mails(invoiceId + ".ISSUED")).hasSize(1);
    }

    @Test
    void payingAnInvoiceTheSandboxNeverMadeIsA404() throws Exception {
        HttpResponse<String> answer = post(sandbox.baseUrl() + "/sandbox/xendit/invoices/no-such-invoice/pay");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("no sandbox Xendit invoice no-such-invoice");
    }

    private JsonNode pay(String invoiceId) throws Exception {
        HttpResponse<String> answer = post(sandbox.baseUrl() + "/sandbox/xendit/invoices/" + invoiceId + "/pay");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Lintas-Sandbox")).hasValue("true");
        return json.readTree(answer.body());
    }

    /** The listing's mails whose Message-ID is {@code <invoiceId.KIND@…>} or {@code <invoiceId.KIND.payment@…>}. */
    private List<JsonNode> mails(String messageIdStart) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/mail")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        json.readTree(answer.body()).path("messages").forEach(m -> {
            String id = m.path("messageId").asText();
            if (id.startsWith("<" + messageIdStart + "@") || id.startsWith("<" + messageIdStart + ".")) {
                out.add(m);
            }
        });
        return out;
    }

    private JsonNode firstMail(String invoiceId, String kind) {
        try {
            List<JsonNode> found = mails(invoiceId + "." + kind);
            return found.isEmpty() ? null : found.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode smsTo(String to, String va) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/sms")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode m : json.readTree(answer.body()).path("messages")) {
                if (to.equals(m.path("to").asText()) && m.path("body").asText().contains(va)) {
                    return m;
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls (like Awaitility) until the supplier gives something, at most 30 s. */
    private static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T found = probe.get();
        while (found == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            found = probe.get();
        }
        assertThat(found).as(what).isNotNull();
        return found;
    }
}
