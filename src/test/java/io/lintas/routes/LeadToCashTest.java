package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.lintas.delivery.PaidFollowUp;
import io.lintas.ledger.FollowUpMarkers;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole loop for tenant acme, with every outside system a stand-in built from the contract sheets: one
 * WireMock plays the Bitrix24 portal, Xendit, Twilio and the tenant's webhook subscriber; GreenMail is the mail
 * server. A lead carrying an order arrives through the lead API → a deal on the known customer and a task →
 * an invoice at Xendit with a BCA virtual account → the deal gets a comment with the VA and the link, the
 * customer an email (read back from GreenMail) and an SMS that carry the VA → Xendit's callback arrives twice, out of
 * order with an expiry → the invoice is PAID once: the deal moved once, the task completed once, one receipt.
 */
class LeadToCashTest extends WireMockPortal {

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    static final String TWILIO = "/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json";
    static final Duration WAIT = Duration.ofSeconds(30);

    static {
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
    }

    @DynamicPropertySource
    static void everythingElse(DynamicPropertyRegistry registry) {
        String stand = "http://127.0.0.1:" + BITRIX24.port();
        registry.add("lintas.test.billing-url", () -> stand);
        registry.add("lintas.test.twilio-url", () -> stand);
        registry.add("lintas.test.webhook-url", () -> stand + "/hooks/acme");
        registry.add("lintas.notify.smtp.host", () -> "127.0.0.1");
        registry.add("lintas.notify.smtp.port", () -> SMTP.getSmtp().getPort());
        registry.add("lintas.notify.smtp.tls", () -> "none");
        registry.add("lintas.billing.schedule-enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    FollowUpMarkers markers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @AfterEach
    void stopTheStages() throws Exception {
        IdleStop.stop(camel, "deliver-crm", "deliver-crm-tasks", "billing-paid");
    }

    @Test
    void aLeadWithAnOrderIsInvoicedToldPaidOnceAndItsDealAndTaskClosed() throws Exception {
        BITRIX24.resetAll();
        SMTP.purgeEmailFromAllMailboxes();
        BITRIX24.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(XenditBillingRouteTest.CREATE_ANSWER).withTransformers("response-template")));
        BITRIX24.stubFor(post(urlPathEqualTo(TWILIO)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("notify/twilio-message-201.json"))));
        BITRIX24.stubFor(post(urlPathEqualTo("/hooks/acme")).willReturn(aResponse().withStatus(204)));

        // 1. the order arrives with the lead
        WebhookClient client = new WebhookClient(port);
        HttpResponse<String> accepted = client.post("/api/leads", "application/json", """
                {"externalId":"shop-order-77","contact":{"fullName":"Budi Santoso","phones":["0812-3456-7890"],
                 "emails":["Budi@Example.co.id"]},"message":"Tolong kirim invoice",
                 "order":{"description":"Order 77","items":[{"name":"Paket Hemat","quantity":2,"price":50000},
                                                           {"name":"Ongkir","price":50000}]}}""",
                "X-Lintas-Tenant", "acme", "Authorization", "Bearer acme-api-key-0001-test");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String lead = json.readTree(accepted.body()).path("leadId").asText();

        // 2. a known customer: a deal on contact 275, and the dispatcher's task
        Map<String, String> lookups = new LinkedHashMap<>();
        for (String suffix : List.of("ol", "od", "cp", "ce", "lp", "le", "op", "oe")) {
            lookups.put(lead + "_" + suffix, "[]");
        }
        lookups.put(lead + "_cp", "{\"CONTACT\":[275]}");
        stubBatch(lead + "_ol", ok(lookups));
        stubBatch(lead + "_deal", ok(Map.of(lead + "_deal", "10", lead + "_note", "801")));
        stubBatch(lead + "_tl", ok(Map.of(lead + "_tl", "{\"tasks\":[]}")));
        stubBatch(lead + "_ta", ok(Map.of(lead + "_ta", "{\"task\":{\"id\":\"3711\",\"status\":\"2\"}}")));
        camel.getRouteController().startRoute("deliver-crm");
        camel.getRouteController().startRoute("deliver-crm-tasks");

        // 3. the invoice, made at Xendit with the deal's id and the order's lines
        String invoice = await().atMost(WAIT).until(() -> jdbc.queryForList(
                "SELECT id FROM invoice WHERE tenant = 'acme' AND lead_id = ? AND provider_id IS NOT NULL", String.class, lead),
                ids -> ids.size() == 1).get(0);
        BITRIX24.verify(1, postRequestedFor(urlEqualTo("/v2/invoices"))
                .withRequestBody(matchingJsonPath("$.external_id", equalTo(invoice)))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("150000")))
                .withRequestBody(matchingJsonPath("$.payer_email", equalTo("budi@example.co.id")))
                .withRequestBody(matchingJsonPath("$.items[1].name", equalTo("Ongkir"))));
        assertThat(jdbc.queryForObject("SELECT deal_id FROM invoice WHERE id = ?", String.class, invoice)).isEqualTo("10");

        // 4. the deal hears of it, with the VA and the link; then the payment's follow-ups
        stubBatch(invoice + "_i_dc", ok(Map.of(invoice + "_i_dc", "802")));
        stubBatch(invoice + "_p_du", ok(Map.of(invoice + "_p_du", "true", invoice + "_p_dc", "803")));
        stubBatch(lead + "_tc", ok(Map.of(lead + "_tc", "{\"task\":{\"id\":\"3711\",\"status\":\"5\"}}")));
        stubBatch(invoice + "_p_dg", ok(Map.of(invoice + "_p_dg", "{\"ID\":\"10\",\"ASSIGNED_BY_ID\":\"12\"}")));
        stubBatch(invoice + "_p_mn", ok(Map.of(invoice + "_p_mn", "12345")));
        camel.getRouteController().startRoute("billing-paid");
        await().atMost(WAIT).until(() -> markers.done(invoice, "ISSUED", PaidFollowUp.JOURNEY).isPresent());
        assertThat(sent(invoice + "_i_dc")).containsExactly("crm.timeline.comment.add?fields[ENTITY_ID]=10&fields[ENTITY_TYPE]=deal"
                + "&fields[COMMENT]=Invoice+" + invoice + "+issued%3A+150000+IDR+via+xendit+%28xnd-" + invoice + "%29%2C+due+"
                + jdbc.queryForObject("SELECT due_date FROM invoice WHERE id = ?", String.class, invoice)
                + ".%0APay+to+BCA+virtual+account+" + XenditBillingRouteTest.BCA_VA + ".%0APayment+link%3A+https%3A%2F%2F"
                + "checkout-staging.xendit.co%2Fweb%2Fxnd-" + invoice + "%0ALintas");

        // 5. the customer: an email and an SMS, both with the VA number
        MimeMessage issued = await().atMost(WAIT).until(() -> emailsTo("budi@example.co.id"), m -> m.size() == 1).get(0);
        assertThat(GreenMailUtil.getBody(issued)).contains(XenditBillingRouteTest.BCA_VA);
        await().atMost(WAIT).until(() -> BITRIX24.findAll(postRequestedFor(urlPathEqualTo(TWILIO))).size() == 1);
        assertThat(BITRIX24.findAll(postRequestedFor(urlPathEqualTo(TWILIO))).get(0).getBodyAsString())
                .contains("To=%2B6281234567890").contains(XenditBillingRouteTest.BCA_VA);

        // 6. Xendit says paid, twice, with an expiry in between
        BITRIX24.stubFor(get("/v2/invoices/xnd-" + invoice).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(XenditBillingRouteTest.invoiceJson(invoice, "PAID"))));
        for (String status : List.of("PAID", "EXPIRED", "PAID")) {
            HttpResponse<String> answer = client.post("/hooks/acme/payments/xendit", "application/json",
                    XenditBillingRouteTest.callback(invoice, status), "x-callback-token", XenditBillingRouteTest.TOKEN);
            assertThat(answer.statusCode()).as(status + ": " + answer.body()).isEqualTo(200);
        }

        // 7. paid once: the deal moved once, the task completed once, the manager told, one receipt
        await().atMost(WAIT).until(() -> markers.done(invoice, "PAID", PaidFollowUp.JOURNEY).isPresent());
        await().atMost(WAIT).until(() -> emailsTo("budi@example.co.id").size() == 2);
        await().atMost(WAIT).until(() -> BITRIX24.findAll(postRequestedFor(urlPathEqualTo(TWILIO))).size() == 2);
        assertThat(jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoice)).isEqualTo("PAID");
        assertThat(sent(invoice + "_p_du")).containsExactly(
                "crm.deal.update?ID=10&FIELDS[STAGE_ID]=C1%3AWON&PARAMS[REGISTER_SONET_EVENT]=N");
        assertThat(sent(lead + "_tc")).containsExactly("tasks.task.complete?taskId=3711");
        assertThat(sent(invoice + "_p_mn")).hasSize(1);
        StoredLead stored = ledger.find(lead).orElseThrow();
        assertThat(stored.journey()).extracting(JourneyEntry::status).containsSubsequence(LeadStatus.IN_CRM,
                LeadStatus.INVOICE_ISSUED, LeadStatus.DEAL_MOVED, LeadStatus.TASK_DONE, LeadStatus.MANAGER_NOTIFIED, LeadStatus.PAID);
        assertThat(stored.journey()).filteredOn(e -> e.status().equals(LeadStatus.PAID)).hasSize(1);
        // the last answers settle: still one receipt and one of everything after everything is done
        assertThat(emailsTo("budi@example.co.id")).hasSize(2);
        assertThat(BITRIX24.findAll(postRequestedFor(urlEqualTo("/v2/invoices")))).hasSize(1);
    }

    /** The sub-calls with this key that went out to the portal, across every batch. */
    private List<String> sent(String key) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (var request : BITRIX24.findAll(postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(key)))) {
            String command = json.readTree(request.getBodyAsString()).path("cmd").path(key).asText(null);
            if (command != null) {
                out.add(command);
            }
        }
        return out;
    }

    private static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String fixture(String path) throws Exception {
        try (InputStream in = LeadToCashTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
