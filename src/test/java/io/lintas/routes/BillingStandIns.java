package io.lintas.routes;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.lintas.billing.BillingLedger;
import io.lintas.billing.InvoiceNotice;
import io.lintas.flow.QueueHeaders;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the tenants' payment providers played by one WireMock on loopback (Xendit for acme,
 * Stripe for rusco, Midtrans for kopi: their paths do not overlap), answering with the contract sheet's bodies.
 * Billing route tests extend it and share one Spring context; the reminder schedule is off (tests call it).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class BillingStandIns {

    static final WireMockServer PROVIDER = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        PROVIDER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::stop));
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("lintas.test.billing-url", () -> "http://127.0.0.1:" + PROVIDER.port());
        registry.add("lintas.billing.schedule-enabled", () -> "false");
        // the tests read the notices on lintas.notify: the customer-notification consumer (notify) stays off
        registry.add("lintas.notify.auto-startup", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BillingLedger ledger;

    WebhookClient client;

    @BeforeEach
    void standIns() {
        client = new WebhookClient(port);
        PROVIDER.resetAll();
    }

    /** POST /api/invoices as the admin; the invoice id from the 202. */
    String requestInvoice(String body) throws Exception {
        NotifyBuilder issued = new NotifyBuilder(camel).fromRoute("billing").filter(BillingStandIns::wholeMessage)
                .whenDone(1).create();
        HttpResponse<String> answer = client.postAsUser("/api/invoices", body, "admin", "test-admin-password");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(issued.matches(20, TimeUnit.SECONDS)).as("the billing route took the request").isTrue();
        return json.readTree(answer.body()).path("invoiceId").asText();
    }

    static String order(String tenant, String requestKey) {
        return """
                {"tenant":"%s","requestKey":"%s","description":"Order %s",
                 "customer":{"name":"Budi Santoso","email":"Budi@Example.co.id","phone":"%s"},
                 "items":[{"name":"Paket Hemat","quantity":2,"price":50000},{"name":"Ongkir","quantity":1,"price":50000}]}
                """.formatted(tenant, requestKey, requestKey, "rusco".equals(tenant) ? "8 (495) 123-45-67" : "0812-3456-7890");
    }

    /**
     * The queue message's own exchange, not one the route made on the way (a connector call, a split part): its
     * body is still the list of messages billing handed on.
     */
    static boolean wholeMessage(org.apache.camel.Exchange exchange) {
        return exchange.getMessage().getBody() instanceof List;
    }

    /**
     * Waits, polling like Awaitility, until {@code count} notices of the invoice are on lintas.notify (the
     * consumer's transaction commits just after its exchange is done) and returns them.
     */
    List<InvoiceNotice> awaitNotices(String invoiceId, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<InvoiceNotice> found = notices(invoiceId);
        while (found.size() < count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            found = notices(invoiceId);
        }
        return found;
    }

    /** The notices for one invoice waiting on lintas.notify, in order (browsed, not consumed). */
    List<InvoiceNotice> notices(String invoiceId) {
        return messages("lintas.notify", invoiceId).stream().map(text -> read(text, InvoiceNotice.class)).toList();
    }

    List<String> messages(String queue, String invoiceId) {
        List<String> out = jms.browseSelected(queue, QueueHeaders.LEAD_ID + " = '" + invoiceId + "'", (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                bodies.add(((TextMessage) (Message) e.nextElement()).getText());
            }
            return bodies;
        });
        return out == null ? List.of() : out;
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + text, e);
        }
    }

    JsonNode tree(String text) throws Exception {
        return json.readTree(text);
    }

    /** Nothing of this invoice was dead-lettered by any billing stage. */
    void nothingDeadLettered(String invoiceId) {
        for (String stage : List.of("billing", "payments", "notify", "paid")) {
            assertThat(messages("lintas.dlq." + stage, invoiceId)).as("lintas.dlq." + stage).isEmpty();
        }
    }

    String status(String invoiceId) {
        return jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoiceId);
    }

    /** Sends callbacks and waits until the payments route has handled each of them. */
    void deliverAll(Runnable... callbacks) {
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("payments").filter(BillingStandIns::wholeMessage)
                .whenDone(callbacks.length).create();
        for (Runnable callback : callbacks) {
            callback.run();
        }
        assertThat(handled.matches(20, TimeUnit.SECONDS)).as("the payments route handled every callback").isTrue();
    }
}
