package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceSettled;
import io.lintas.delivery.PaidFollowUp;
import io.lintas.flow.QueueHeaders;
import io.lintas.lead.Channel;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.ledger.FollowUpMarkers;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import jakarta.jms.Message;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * routes/billing-paid.camel.yaml against tenant acme's Bitrix24 portal (WireMock): each InvoiceSettled is put on
 * lintas.paid as the payments route does, and the sub-calls that reach the portal are compared command by command.
 */
class BillingPaidRouteTest extends WireMockPortal {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T03:00:00Z");

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    LeadLedger ledger;
    @Autowired
    FollowUpMarkers markers;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    io.lintas.notify.LeadEvents leadEvents;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @BeforeEach
    void startTheStage() throws Exception {
        BITRIX24.resetAll();
        camel.getRouteController().startRoute("billing-paid");
    }

    @AfterEach
    void stopTheStage() throws Exception {
        IdleStop.stop(camel, "billing-paid");
    }

    @Test
    void paidMovesTheDealWithACommentCompletesTheTaskAndNotifiesTheManagerOnceEvenWhenDeliveredTwice() throws Exception {
        String lead = "01JDPAID0LEAD0000000000001";
        String invoice = "01JDPAID0INV00000000000001";
        leadWithTask(lead, "3711");
        stubBatch(invoice + "_p_du", ok(Map.of(invoice + "_p_du", "true", invoice + "_p_dc", "77")));
        stubBatch(lead + "_tc", ok(Map.of(lead + "_tc", "{\"task\":{\"id\":\"3711\",\"status\":\"5\"}}")));
        stubBatch(invoice + "_p_dg", ok(Map.of(invoice + "_p_dg", "{\"ID\":\"8812\",\"STAGE_ID\":\"C1:INVOICE\",\"ASSIGNED_BY_ID\":\"12\"}")));
        stubBatch(invoice + "_p_mn", ok(Map.of(invoice + "_p_mn", "12345")));

        InvoiceSettled paid = settled(invoice, InvoiceSettled.Kind.PAID, lead, "8812");
        send(paid);
        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "PAID", PaidFollowUp.JOURNEY).isPresent());
        NotifyBuilder again = new NotifyBuilder(camel).fromRoute("billing-paid").whenCompleted(1).create();
        send(paid);                                               // the same message again (a redelivery, a replay)
        assertThat(again.matches(20, TimeUnit.SECONDS)).isTrue();

        Map<String, String> sent = commandsSent(invoice, lead);
        assertThat(sent).containsExactlyInAnyOrderEntriesOf(Map.of(
                invoice + "_p_du", "crm.deal.update?ID=8812&FIELDS[STAGE_ID]=C1%3AWON&PARAMS[REGISTER_SONET_EVENT]=N",
                invoice + "_p_dc", "crm.timeline.comment.add?fields[ENTITY_ID]=8812&fields[ENTITY_TYPE]=deal"
                        + "&fields[COMMENT]=Invoice+" + invoice + "+paid%3A+150000+IDR+via+xendit+%28inv_xnd_1%29.%0A"
                        + "Deal+moved+to+stage+C1%3AWON.%0ALintas",
                lead + "_tc", "tasks.task.complete?taskId=3711",
                invoice + "_p_dg", "crm.deal.get?id=8812",
                invoice + "_p_mn", "im.notify.system.add?USER_ID=12&MESSAGE=Invoice+" + invoice
                        + "+%28Bitrix24+deal+8812%29+paid%3A+150000+IDR+via+xendit.+The+deal+is+now+in+stage+C1%3AWON."));
        for (String key : List.of(invoice + "_p_du", invoice + "_p_dg", invoice + "_p_mn", lead + "_tc")) {
            BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(key)));
        }
        StoredLead stored = ledger.find(lead).orElseThrow();
        assertThat(stored.status()).isEqualTo(LeadStatus.PAID);
        assertThat(stored.journey()).extracting(JourneyEntry::status).containsSubsequence(LeadStatus.DEAL_MOVED,
                LeadStatus.TASK_DONE, LeadStatus.MANAGER_NOTIFIED, LeadStatus.PAID);
        assertThat(stored.journey()).filteredOn(e -> e.status().equals(LeadStatus.PAID)).hasSize(1)
                .extracting(JourneyEntry::detail).containsExactly("Invoice " + invoice + " paid: 150000 IDR via xendit (inv_xnd_1)");
        assertThat(stored.journey()).filteredOn(e -> e.status().equals(LeadStatus.MANAGER_NOTIFIED)).extracting(JourneyEntry::detail)
                .containsExactly("Bitrix24 user 12 notified of invoice " + invoice + " paid (notification 12345)");
        assertThat(stored.externalRefs()).extracting(r -> r.system() + ":" + r.kind() + "=" + r.externalId())
                .contains("lintas:invoice=" + invoice, "xendit:invoice=inv_xnd_1", "bitrix24:deal=8812");
    }

    @Test
    void reversedCommentsOnTheDealAndTellsTheManagerWithoutUndoingAnything() {
        String lead = "01JDPAID0REVL0000000000001";
        String invoice = "01JDPAID0REV00000000000001";
        leadWithTask(lead, "3712");
        stubBatch(invoice + "_r_dc", ok(Map.of(invoice + "_r_dc", "78")));
        stubBatch(invoice + "_r_dg", ok(Map.of(invoice + "_r_dg", "{\"ID\":\"8813\",\"ASSIGNED_BY_ID\":\"15\"}")));
        stubBatch(invoice + "_r_mn", ok(Map.of(invoice + "_r_mn", "12346")));

        send(settled(invoice, InvoiceSettled.Kind.REVERSED, lead, "8813"));

        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "REVERSED", PaidFollowUp.JOURNEY).isPresent());
        assertThat(commandsSent(invoice, lead)).containsExactlyInAnyOrderEntriesOf(Map.of(
                invoice + "_r_dc", "crm.timeline.comment.add?fields[ENTITY_ID]=8813&fields[ENTITY_TYPE]=deal"
                        + "&fields[COMMENT]=Payment+of+invoice+" + invoice + "+REVERSED+by+xendit+%28inv_xnd_1%29%3A+150000+IDR"
                        + "+is+no+longer+paid.+Nothing+was+undone%3A+please+check+the+deal+and+its+task.%0ALintas",
                invoice + "_r_dg", "crm.deal.get?id=8813",
                invoice + "_r_mn", "im.notify.system.add?USER_ID=15&MESSAGE=Attention%3A+the+payment+of+invoice+" + invoice
                        + "+%28Bitrix24+deal+8813%29+was+REVERSED+by+xendit+%28150000+IDR%29.+Nothing+was+undone+automatically."));
        StoredLead stored = ledger.find(lead).orElseThrow();
        assertThat(stored.status()).isEqualTo(LeadStatus.REVERSED);
        assertThat(stored.journey()).extracting(JourneyEntry::status).doesNotContain(LeadStatus.TASK_DONE, LeadStatus.DEAL_MOVED);
    }

    @Test
    void anIssuedInvoiceTellsTheLeadsBitrix24RecordItsVaNumberAndLinkOnce() throws Exception {
        String lead = "01JDPAID0ISSL0000000000001";
        String invoice = "01JDPAID0ISS00000000000001";
        leadWithTask(lead, "3713");
        ledger.addExternalRef(lead, "bitrix24", "lead", "3465");
        stubBatch(invoice + "_i_dc", ok(Map.of(invoice + "_i_dc", "80")));

        InvoiceSettled issued = new InvoiceSettled("acme", invoice, InvoiceSettled.Kind.ISSUED, lead, null,
                new BigDecimal("150000.00"), null, "IDR", "xendit", "xnd-1", "issued", "C1:WON", Instant.parse("2026-11-26T01:00:00Z"),
                java.time.LocalDate.parse("2026-11-29"), "BCA", "1076619999999", "https://checkout-staging.xendit.co/web/xnd-1");
        send(issued);
        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "ISSUED", PaidFollowUp.JOURNEY).isPresent());
        NotifyBuilder again = new NotifyBuilder(camel).fromRoute("billing-paid").whenCompleted(1).create();
        send(issued);
        assertThat(again.matches(20, TimeUnit.SECONDS)).isTrue();

        assertThat(commandsSent(invoice, lead)).containsExactlyEntriesOf(Map.of(
                invoice + "_i_dc", "crm.timeline.comment.add?fields[ENTITY_ID]=3465&fields[ENTITY_TYPE]=lead"
                        + "&fields[COMMENT]=Invoice+" + invoice + "+issued%3A+150000+IDR+via+xendit+%28xnd-1%29%2C+due+2026-11-29."
                        + "%0APay+to+BCA+virtual+account+1076619999999."
                        + "%0APayment+link%3A+https%3A%2F%2Fcheckout-staging.xendit.co%2Fweb%2Fxnd-1%0ALintas"));
        StoredLead stored = ledger.find(lead).orElseThrow();
        assertThat(stored.journey()).filteredOn(e -> e.status().equals(LeadStatus.INVOICE_ISSUED)).extracting(JourneyEntry::detail)
                .containsExactly("Invoice " + invoice + " issued: 150000 IDR via xendit (xnd-1), BCA VA 1076619999999, due 2026-11-29, "
                        + "https://checkout-staging.xendit.co/web/xnd-1");
        assertThat(stored.journey()).extracting(JourneyEntry::status).doesNotContain(LeadStatus.TASK_DONE, LeadStatus.MANAGER_NOTIFIED);
    }

    @Test
    void aPaidInvoiceOfAJiraTenantMovesTheLeadsIssueToDoneOnceAndCallsNoPortal() throws Exception {
        String lead = "01JDPAID0JIRL0000000000001";
        String invoice = "01JDPAID0JIR00000000000001";
        Lead delivered = new Lead(lead, "rusco", Channel.API, "api", "ext-" + lead, RECEIVED,
                new Contact("Ivan Petrov", "Ivan", "Petrov", List.of("+74951234567"), List.of(), null), null, null, null, Map.of(), null);
        ledger.insert(delivered, LeadStatus.TASK_CREATED, List.of(), "application/json", new byte[0], List.of());
        ledger.addExternalRef(lead, "jira", "task", "OPS-7");
        BITRIX24.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/rest/api/3/issue/OPS-7/transitions"))
                .willReturn(json(new String(getClass().getResourceAsStream("/jira/transitions-to-done.json").readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8))));
        BITRIX24.stubFor(post(urlEqualTo("/rest/api/3/issue/OPS-7/transitions")).willReturn(aResponse().withStatus(204)));

        InvoiceSettled paid = new InvoiceSettled("rusco", invoice, InvoiceSettled.Kind.PAID, lead, null, new BigDecimal("1500.00"),
                new BigDecimal("1500.00"), "RUB", "stripe", "in_1", "evt_1", null, Instant.parse("2026-11-26T01:00:00Z"));
        send(paid);
        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "PAID", PaidFollowUp.JOURNEY).isPresent());
        NotifyBuilder again = new NotifyBuilder(camel).fromRoute("billing-paid").whenCompleted(1).create();
        send(paid);
        assertThat(again.matches(20, TimeUnit.SECONDS)).isTrue();

        BITRIX24.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/OPS-7/transitions")));
        BITRIX24.verify(0, postRequestedFor(urlEqualTo(BATCH)));
        StoredLead stored = ledger.find(lead).orElseThrow();
        assertThat(stored.status()).isEqualTo(LeadStatus.PAID);
        assertThat(stored.journey()).filteredOn(e -> e.status().equals(LeadStatus.TASK_DONE)).extracting(JourneyEntry::detail)
                .containsExactly("Jira issue OPS-7 moved to done");
        assertThat(markers.steps(invoice, "PAID")).contains(PaidFollowUp.DEAL_COMMENTED, PaidFollowUp.TASK_DONE,
                PaidFollowUp.MANAGER_NOTIFIED, PaidFollowUp.JOURNEY);
    }

    @Test
    void aPermanentPortalErrorGoesToTheDeadLetterQueueAtOnceWithTheReason() {
        String invoice = "01JDPAID0DENY0000000000001";
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_du")).willReturn(json("""
                {"result":{"result":{"%1$s_p_dc":79},"result_error":{"%1$s_p_du":{"error":"","error_description":"Access denied."}},
                 "result_total":[],"result_next":[],"result_time":[]},"time":{"start":1705764932.99}}""".formatted(invoice))));

        send(settled(invoice, InvoiceSettled.Kind.PAID, null, "8814"));

        Message dead = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(invoice), m -> m != null);
        try {
            assertThat(dead.getStringProperty(QueueHeaders.FAILURE_REASON))
                    .contains("Bitrix24 crm.deal.update failed (permanent)").contains("error_description='Access denied.'");
            assertThat(dead.getStringProperty(QueueHeaders.FAILED_STAGE)).isEqualTo("paid");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_du")));
        // the comment that went through is marked: a replay from the DLQ would not add it again
        assertThat(markers.steps(invoice, "PAID")).containsExactly(PaidFollowUp.DEAL_COMMENTED);
    }

    @Test
    void aTransientSubCallErrorIsRolledBackAndTheRedeliveryRepeatsOnlyTheStepThatFailed() {
        String invoice = "01JDPAID0RTRY0000000000001";
        String failing = "failing";
        // first attempt: the comment is added, the update fails with INTERNAL_SERVER_ERROR (transient)
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_dc"))
                .inScenario(invoice).whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo(failing).willReturn(json("""
                {"result":{"result":{"%1$s_p_dc":80},"result_error":{"%1$s_p_du":{"error":"INTERNAL_SERVER_ERROR",
                 "error_description":"Internal server error"}},"result_total":[],"result_next":[],"result_time":[]},
                 "time":{"start":1705764932.99}}""".formatted(invoice))));
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_du"))   // the redelivery: the update alone
                .inScenario(invoice).whenScenarioStateIs(failing).willReturn(ok(Map.of(invoice + "_p_du", "true"))));
        stubBatch(invoice + "_p_dg", ok(Map.of(invoice + "_p_dg", "{\"ID\":\"8815\",\"ASSIGNED_BY_ID\":\"12\"}")));
        stubBatch(invoice + "_p_mn", ok(Map.of(invoice + "_p_mn", "12348")));

        send(settled(invoice, InvoiceSettled.Kind.PAID, null, "8815"));

        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "PAID", PaidFollowUp.JOURNEY).isPresent());
        BITRIX24.verify(2, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_du")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_dc")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(invoice + "_p_mn")));
        assertThat(markers.steps(invoice, "PAID")).containsExactly(PaidFollowUp.DEAL_COMMENTED, PaidFollowUp.DEAL_MOVED,
                PaidFollowUp.JOURNEY, PaidFollowUp.MANAGER_NOTIFIED, PaidFollowUp.TASK_DONE);
    }

    @Test
    void anInvoiceWithoutDealOrLeadOnlyTellsTheTenantsResponsible() {
        String invoice = "01JDPAID0API00000000000001";
        stubBatch(invoice + "_p_mn", ok(Map.of(invoice + "_p_mn", "12347")));

        send(settled(invoice, InvoiceSettled.Kind.PAID, null, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> markers.done(invoice, "PAID", PaidFollowUp.JOURNEY).isPresent());
        assertThat(commandsSent(invoice, "none")).containsExactly(Map.entry(invoice + "_p_mn",
                "im.notify.system.add?USER_ID=1&MESSAGE=Invoice+" + invoice + "+paid%3A+150000+IDR+via+xendit."));
        assertThat(markers.done(invoice, "PAID", PaidFollowUp.DEAL_COMMENTED)).contains("no CRM deal or lead to comment on (invoice "
                + invoice + " has none)");
    }

    @Test
    void aNewLeadOfASubscribedTenantQueuesOneSignedLeadCreatedWebhook() throws Exception {
        BITRIX24.stubFor(post(urlEqualTo("/lintas/leads")).willReturn(aResponse().withStatus(204)));
        String phone = "8 (912) 345-67-" + (10 + (int) Math.floorMod(System.nanoTime(), 80L));
        var response = new WebhookClient(port).form("/hooks/rusco/forms/contact?token=rusco-form-token",
                "name=Ivan+Petrov&phone=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);

        String e164 = "+7" + phone.replaceAll("[^0-9]", "").substring(1);
        Map<String, Object> row = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT id, event_type, body, status FROM webhook_delivery WHERE tenant = 'rusco' AND body LIKE ?", "%" + e164 + "%"),
                rows -> rows.size() == 1).get(0);
        assertThat(row.get("event_type")).isEqualTo("lead.created");
        var event = json.readTree((String) row.get("body"));
        String leadId = event.path("data").path("leadId").asText();
        assertThat(ledger.find(leadId)).isPresent();
        assertThat(event.path("data").path("lead").path("id").asText()).isEqualTo(leadId);
        assertThat(event.path("data").path("lead").path("tenant").asText()).isEqualTo("rusco");

        // the dispatcher sends it, signed per Standard Webhooks, to the subscriber (not the pipeline's thread)
        var sent = await().atMost(Duration.ofSeconds(20)).until(() -> BITRIX24.findAll(postRequestedFor(urlEqualTo("/lintas/leads"))
                .withRequestBody(containing(leadId))), list -> !list.isEmpty()).get(0);
        assertThat(sent.getHeader("webhook-id")).isEqualTo(row.get("id"));
        assertThat(sent.getHeader("webhook-signature")).startsWith("v1,");
        assertThat(sent.getBodyAsString()).isEqualTo(row.get("body"));
        // queuing it again (a redelivered intake message) adds no second delivery
        assertThat(leadEvents.created("rusco", leadId, ledger.leadJson(leadId).orElseThrow())).isZero();
    }

    @Test
    void aDealMovedToTheInvoiceStageAsksForOneInvoiceWithItsProductRowsEvenWhenReportedAgain() throws Exception {
        IdleStop.stop(camel, "billing");                      // the request is read off lintas.billing here, not issued
        String dealId = Integer.toString(880_000 + Math.floorMod(System.nanoTime(), 100_000));
        String key = "deal:" + dealId + ":C1:INVOICE";
        try {
            BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.deal.get.json"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"id\":\"" + dealId + "\"}"))
                    .willReturn(json("{\"result\":{\"ID\":\"" + dealId + "\",\"TITLE\":\"Order 77\",\"CATEGORY_ID\":\"1\","
                            + "\"STAGE_ID\":\"C1:INVOICE\",\"CURRENCY_ID\":\"IDR\",\"OPPORTUNITY\":\"150000.00\",\"LEAD_ID\":null,"
                            + "\"CONTACT_ID\":\"84\",\"ASSIGNED_BY_ID\":\"12\",\"ORIGINATOR_ID\":null,\"ORIGIN_ID\":null},"
                            + "\"time\":{\"start\":1705764932.99,\"finish\":1705764933.17,\"duration\":0.17}}")));
            stubBatch("deal" + dealId + "_pr", ok(Map.of(
                    "deal" + dealId + "_pr", "[{\"ID\":\"1\",\"OWNER_ID\":\"" + dealId + "\",\"OWNER_TYPE\":\"D\",\"PRODUCT_ID\":\"5\","
                            + "\"PRODUCT_NAME\":\"Paket Hemat\",\"PRICE\":\"50000\",\"QUANTITY\":\"2\"},"
                            + "{\"ID\":\"2\",\"OWNER_ID\":\"" + dealId + "\",\"OWNER_TYPE\":\"D\",\"PRODUCT_ID\":\"0\","
                            + "\"PRODUCT_NAME\":\"Ongkir\",\"PRICE\":\"50000\",\"QUANTITY\":\"1\"}]",
                    "deal" + dealId + "_ct", "{\"ID\":\"84\",\"NAME\":\"Budi\",\"LAST_NAME\":\"Santoso\","
                            + "\"PHONE\":[{\"ID\":\"1\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"0812-3456-7890\",\"TYPE_ID\":\"PHONE\"}],"
                            + "\"EMAIL\":[{\"ID\":\"2\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"Budi@Example.co.id\",\"TYPE_ID\":\"EMAIL\"}]}")));
            NotifyBuilder fetched = new NotifyBuilder(camel).fromRoute("intake-crm-bitrix24-fetch").whenDone(2).create();
            WebhookClient client = new WebhookClient(port);
            long ts = Instant.now().getEpochSecond();
            assertThat(client.form("/hooks/acme/crm/bitrix24", dealEvent(dealId, ts)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> !billingRequests(dealId).isEmpty());
            // the portal reports the deal again (another update while it stays in the stage)
            assertThat(client.form("/hooks/acme/crm/bitrix24", dealEvent(dealId, ts + 1)).statusCode()).isEqualTo(200);
            assertThat(fetched.matches(20, TimeUnit.SECONDS)).isTrue();

            List<String> requests = billingRequests(dealId);
            assertThat(requests).hasSize(1);
            var request = json.readTree(requests.get(0));
            assertThat(request.path("requestKey").asText()).isEqualTo(key);
            assertThat(request.path("dealId").asText()).isEqualTo(dealId);
            assertThat(request.path("tenant").asText()).isEqualTo("acme");
            assertThat(request.path("currency").asText()).isEqualTo("IDR");
            assertThat(request.path("customer").toString()).isEqualTo(
                    "{\"name\":\"Budi Santoso\",\"email\":\"budi@example.co.id\",\"phone\":\"+6281234567890\",\"language\":\"id\"}");
            assertThat(request.path("lines")).hasSize(2);
            assertThat(request.path("lines").get(0).path("name").asText()).isEqualTo("Paket Hemat");
            assertThat(request.path("lines").get(0).path("quantity").decimalValue()).isEqualByComparingTo("2");
            assertThat(request.path("lines").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("50000");
            assertThat(request.path("lines").get(1).path("name").asText()).isEqualTo("Ongkir");
            assertThat(commandsSent("deal" + dealId, "none")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "deal" + dealId + "_pr", "crm.deal.productrows.get?id=" + dealId,
                    "deal" + dealId + "_ct", "crm.contact.get?id=84"));
            BITRIX24.verify(2, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.deal.get.json"))
                    .withRequestBody(containing(dealId)));
            assertThat(markers.dealInvoice("acme", key)).contains(request.path("invoiceId").asText());
        } finally {
            for (String body : billingRequests(dealId)) {           // nothing of this test left for the billing route
                jms.receiveSelected("lintas.billing", QueueHeaders.LEAD_ID + " = '" + json.readTree(body).path("invoiceId").asText() + "'");
            }
            camel.getRouteController().startRoute("billing");
        }
    }

    // --- helpers ---

    /** An ONCRMDEALUPDATE as Bitrix24 posts it (contract A6), for tenant acme's portal. */
    private static String dealEvent(String dealId, long ts) {
        return "event=ONCRMDEALUPDATE&event_handler_id=11&data%5BFIELDS%5D%5BID%5D=" + dealId + "&ts=" + ts
                + "&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F"
                + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D=d897063e1ce7c5eb9f04b9751eef5915"
                + "&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas";
    }

    /** The invoice requests of this deal waiting on lintas.billing. */
    private List<String> billingRequests(String dealId) {
        return jms.browse("lintas.billing", (session, browser) -> {
            List<String> bodies = new java.util.ArrayList<>();
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                String body = ((jakarta.jms.TextMessage) e.nextElement()).getText();
                if (body.contains("\"dealId\":\"" + dealId + "\"")) {
                    bodies.add(body);
                }
            }
            return bodies;
        });
    }

    private InvoiceSettled settled(String invoice, InvoiceSettled.Kind kind, String lead, String deal) {
        return new InvoiceSettled("acme", invoice, kind, lead, deal, new BigDecimal("150000.00"), new BigDecimal("150000.00"),
                "IDR", "xendit", "inv_xnd_1", "inv_xnd_1:" + kind, "C1:WON", Instant.parse("2026-11-26T01:00:00Z"));
    }

    /** As the payments route does: the JSON on lintas.paid with the Lintas headers (LintasLeadId = invoice id). */
    private void send(InvoiceSettled settled) {
        try {
            producer.sendBodyAndHeaders("jms:queue:lintas.paid", json.writeValueAsString(settled), Map.of(
                    QueueHeaders.LEAD_ID, settled.invoiceId(), QueueHeaders.TENANT, settled.tenant(),
                    QueueHeaders.SOURCE, "billing", QueueHeaders.GROUP_ID, settled.invoiceId()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivered lead with its Bitrix24 task, as the delivery stage leaves it. */
    private void leadWithTask(String id, String task) {
        Lead lead = new Lead(id, "acme", Channel.FORM, "tilda", "tranid-" + id, RECEIVED,
                new Contact("Budi Santoso", "Budi", "Santoso", List.of("+6281234567890"), List.of(), null), null, null, null,
                Map.of(), null);
        ledger.insert(lead, LeadStatus.TASK_CREATED, List.of(), "application/json", new byte[0], List.of());
        ledger.addExternalRef(id, "bitrix24", "task", task);
    }

    /** The sub-calls of this invoice (and of its lead) that went out, by key; a key seen twice fails. */
    private Map<String, String> commandsSent(String invoice, String lead) {
        Map<String, String> sent = new LinkedHashMap<>();
        for (var request : BITRIX24.findAll(postRequestedFor(urlEqualTo(BATCH)))) {
            try {
                var body = json.readTree(request.getBodyAsString());
                assertThat(body.path("halt").asInt(-1)).isZero();
                body.path("cmd").properties().forEach(e -> {
                    if (e.getKey().startsWith(invoice + "_") || e.getKey().startsWith(lead + "_")) {
                        assertThat(sent.put(e.getKey(), e.getValue().asText())).as("sent twice: " + e.getKey()).isNull();
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    private Message deadLetter(String invoice) {
        return jms.browseSelected("lintas.dlq.paid", QueueHeaders.LEAD_ID + " = '" + invoice + "'", (session, browser) -> {
            Enumeration<?> e = browser.getEnumeration();
            return e.hasMoreElements() ? (Message) e.nextElement() : null;
        });
    }
}
