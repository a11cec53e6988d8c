package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.lintas.delivery.TaskDelivery;
import io.lintas.flow.QueueHeaders;
import io.lintas.lead.Channel;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.lead.Utm;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import io.lintas.tenant.TenantRegistry;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * routes/deliver-crm.camel.yaml against tenant acme's Bitrix24 portal and tenant rusco's Jira site,
 * both WireMock, answering as the contract sheets say. Each lead is put on lintas.crm as the
 * pipeline would (ledger row first, its JSON on the queue), so its id, and with it every batch
 * key, is known.
 */
class DeliverCrmRouteTest extends WireMockPortal {

    /** Wednesday 10:00 in Jakarta: acme's SLA (2 business hours, 09:00-17:00) makes the task due at 12:00. */
    private static final Instant RECEIVED = Instant.parse("2026-11-25T03:00:00Z");

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JmsTemplate jms;
    @Autowired
    TaskDelivery tasks;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    @BeforeEach
    void startTheStage() throws Exception {
        BITRIX24.resetAll();
        camel.getRouteController().startRoute("deliver-crm");
        camel.getRouteController().startRoute("deliver-crm-tasks");
    }

    @AfterEach
    void stopTheStage() throws Exception {
        IdleStop.stop(camel, "deliver-crm", "deliver-crm-tasks");
    }

    @Test
    void aNewPersonBecomesABitrix24LeadWithTheContractsFieldsThenATaskDueByTheSlaAndARedeliveryCallsNothing() {
        String id = "01JDLVR0NEW000000000000001";
        stubBatch(id + "_ol", ok(noMatches(id)));
        stubBatch(id + "_lead", ok(Map.of(id + "_lead", "3465")));
        stubTask(id, "3711");

        deliver(lead(id, "acme", "+6281234567890", "budi@example.co.id"));

        StoredLead stored = awaitStatus(id, LeadStatus.TASK_CREATED);
        assertThat(detail(stored, LeadStatus.IN_CRM)).isEqualTo("Bitrix24 lead 3465 created, responsible 12");
        assertThat(ref(stored, "bitrix24", "lead")).isEqualTo("3465");
        assertThat(ref(stored, "bitrix24", "task")).isEqualTo("3711");
        assertThat(commandsSent(id)).containsAllEntriesOf(commands("""
                {"halt":0,"cmd":{
                 "%1$s_ol":"crm.lead.list?filter[ORIGINATOR_ID]=lintas&filter[ORIGIN_ID]=%1$s&select[0]=ID",
                 "%1$s_od":"crm.deal.list?filter[ORIGINATOR_ID]=lintas&filter[ORIGIN_ID]=%1$s&select[0]=ID",
                 "%1$s_cp":"crm.duplicate.findbycomm?entity_type=CONTACT&type=PHONE&values[0]=%%2B6281234567890",
                 "%1$s_ce":"crm.duplicate.findbycomm?entity_type=CONTACT&type=EMAIL&values[0]=budi%%40example.co.id",
                 "%1$s_lp":"crm.duplicate.findbycomm?entity_type=LEAD&type=PHONE&values[0]=%%2B6281234567890",
                 "%1$s_le":"crm.duplicate.findbycomm?entity_type=LEAD&type=EMAIL&values[0]=budi%%40example.co.id",
                 "%1$s_op":"crm.duplicate.findbycomm?entity_type=COMPANY&type=PHONE&values[0]=%%2B6281234567890",
                 "%1$s_oe":"crm.duplicate.findbycomm?entity_type=COMPANY&type=EMAIL&values[0]=budi%%40example.co.id"}}
                """.formatted(id)));
        assertThat(commandsSent(id)).containsAllEntriesOf(commands("""
                {"halt":0,"cmd":{"%1$s_lead":"crm.lead.add?fields[TITLE]=Budi+Santoso+via+tilda&fields[NAME]=Budi&fields[LAST_NAME]=Santoso\
                &fields[COMPANY_TITLE]=PT+Maju&fields[PHONE][0][VALUE]=%%2B6281234567890&fields[PHONE][0][VALUE_TYPE]=WORK\
                &fields[EMAIL][0][VALUE]=budi%%40example.co.id&fields[EMAIL][0][VALUE_TYPE]=WORK&fields[SOURCE_ID]=WEBFORM\
                &fields[SOURCE_DESCRIPTION]=Lintas%%3A+form+via+tilda&fields[COMMENTS]=Please+call+me+back\
                &fields[UTM_SOURCE]=google&fields[UTM_MEDIUM]=cpc&fields[UTM_CAMPAIGN]=spring&fields[ASSIGNED_BY_ID]=12\
                &fields[ORIGINATOR_ID]=lintas&fields[ORIGIN_ID]=%1$s&params[REGISTER_SONET_EVENT]=Y"}}
                """.formatted(id)));
        // the same message again (a redelivery after the commit was lost, a replay from the DLQ): no call at all
        NotifyBuilder again = new NotifyBuilder(camel).fromRoute("deliver-crm-tasks")
                .filter(exchange -> id.equals(exchange.getMessage().getHeader(QueueHeaders.LEAD_ID))).whenDone(1).create();
        producer.sendBodyAndHeaders("jms:queue:lintas.crm", ledger.leadJson(id).orElseThrow(), Map.of(QueueHeaders.LEAD_ID, id,
                QueueHeaders.TENANT, "acme", QueueHeaders.SOURCE, "tilda"));
        assertThat(again.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_tl")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ta")));

        String taskAdd = body(id + "_ta");
        assertThat(taskAdd).contains("tasks.task.add?fields[TITLE]=Contact+Budi+Santoso+via+tilda+%5Blintas+" + id + "%5D")
                .contains("&fields[RESPONSIBLE_ID]=7&fields[DEADLINE]=2026-11-25T12%3A00%3A00%2B07%3A00")
                .contains("&fields[UF_CRM_TASK][0]=L_3465");
    }

    @Test
    void aKnownCustomerGetsADealOnTheirContactWithATimelineCommentChainedToIt() {
        String id = "01JDLVR0KNWN00000000000001";
        Map<String, String> found = noMatches(id);
        found.put(id + "_cp", "{\"CONTACT\":[275,2297]}");
        stubBatch(id + "_ol", ok(found));
        stubBatch(id + "_deal", ok(Map.of(id + "_deal", "10", id + "_note", "801")));
        stubTask(id, "3712");

        deliver(lead(id, "acme", "+6281234567891", null));

        StoredLead stored = awaitStatus(id, LeadStatus.TASK_CREATED);
        assertThat(detail(stored, LeadStatus.IN_CRM))
                .isEqualTo("Bitrix24 deal 10 created for known contact 275, responsible 12, timeline comment added");
        assertThat(ref(stored, "bitrix24", "deal")).isEqualTo("10");
        assertThat(ref(stored, "bitrix24", "contact")).isEqualTo("275");
        assertThat(commandsSent(id)).containsAllEntriesOf(commands("""
                {"halt":0,"cmd":{
                 "%1$s_deal":"crm.deal.add?fields[TITLE]=Budi+Santoso+via+tilda&fields[CATEGORY_ID]=2&fields[STAGE_ID]=C2%%3ANEW\
                &fields[CONTACT_IDS][0]=275&fields[SOURCE_ID]=WEBFORM&fields[SOURCE_DESCRIPTION]=Lintas%%3A+form+via+tilda\
                &fields[COMMENTS]=Please+call+me+back&fields[UTM_SOURCE]=google&fields[UTM_MEDIUM]=cpc&fields[UTM_CAMPAIGN]=spring\
                &fields[ASSIGNED_BY_ID]=12&fields[ORIGINATOR_ID]=lintas&fields[ORIGIN_ID]=%1$s&params[REGISTER_SONET_EVENT]=Y",
                 "%1$s_note":"crm.timeline.comment.add?fields[ENTITY_ID]=$result[%1$s_deal]&fields[ENTITY_TYPE]=deal\
                &fields[COMMENT]=A+known+customer+wrote+again+via+tilda+%%28form%%29%%2C+contact+275%%3A%%0APlease+call+me+back\
                %%0ALintas+lead+%1$s"}}
                """.formatted(id)));
        assertThat(body(id + "_ta")).contains("&fields[UF_CRM_TASK][0]=D_10&fields[UF_CRM_TASK][1]=C_275");
    }

    @Test
    void aBurstOfQueryLimitExceededSlowsDownAndDeliversTheLeadOnce() {
        String id = "01JDLVR0BRST00000000000001";
        MappingBuilder lookups = post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol"));
        ResponseDefinitionBuilder busy = aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "0")
                .withBody("{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        BITRIX24.stubFor(lookups.inScenario("burst").whenScenarioStateIs(Scenario.STARTED).willReturn(busy)
                .willSetStateTo("busy-2"));
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")).inScenario("burst")
                .whenScenarioStateIs("busy-2").willReturn(busy).willSetStateTo("busy-3"));
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")).inScenario("burst")
                .whenScenarioStateIs("busy-3").willReturn(busy).willSetStateTo("calm"));
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")).inScenario("burst")
                .whenScenarioStateIs("calm").willReturn(ok(noMatches(id))));
        stubBatch(id + "_lead", ok(Map.of(id + "_lead", "3466")));
        stubTask(id, "3713");

        deliver(lead(id, "acme", "+6281234567892", null));

        StoredLead stored = awaitStatus(id, LeadStatus.TASK_CREATED);
        assertThat(ref(stored, "bitrix24", "lead")).isEqualTo("3466");
        BITRIX24.verify(4, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")));
        assertThat(stored.journey()).extracting(JourneyEntry::status).containsOnlyOnce(LeadStatus.IN_CRM);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByOriginIdAndNotMadeTwice() {
        String id = "01JDLVR0TMUT00000000000001";
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")).inScenario("lost")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(ok(noMatches(id))));
        // the portal makes the lead, but its answer comes after the hub's 2 s response timeout
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")).inScenario("lost")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(ok(Map.of(id + "_lead", "3467")).withFixedDelay(3_000))
                .willSetStateTo("made"));
        Map<String, String> ours = noMatches(id);
        ours.put(id + "_ol", "[{\"ID\":\"3467\"}]");
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")).inScenario("lost")
                .whenScenarioStateIs("made").willReturn(ok(ours)));
        stubTask(id, "3714");

        deliver(lead(id, "acme", "+6281234567893", null));

        StoredLead stored = awaitStatus(id, LeadStatus.TASK_CREATED);
        assertThat(detail(stored, LeadStatus.IN_CRM))
                .isEqualTo("Bitrix24 lead 3467 found by ORIGIN_ID (an earlier attempt created it)");
        assertThat(ref(stored, "bitrix24", "lead")).isEqualTo("3467");
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")));
        BITRIX24.verify(2, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")));
    }

    @Test
    void aPermanentErrorGoesToTheDeadLetterQueueAtOnceWithBitrix24sErrorDescription() throws Exception {
        String id = "01JDLVR0DENY00000000000001";
        stubBatch(id + "_ol", ok(noMatches(id)));
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")).willReturn(json("""
                {"result":{"result":[],"result_error":{"%s_lead":{"error":"","error_description":"Access denied."}},
                 "result_total":[],"result_next":[],"result_time":[]},"time":{"start":1705764932.99}}""".formatted(id))));

        deliver(lead(id, "acme", "+6281234567894", null));

        Message dead = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter("lintas.dlq.crm", id), m -> m != null);
        assertThat(dead.getStringProperty(QueueHeaders.FAILURE_REASON))
                .contains("Bitrix24 crm.lead.add failed (permanent)").contains("error_description='Access denied.'");
        assertThat(dead.getStringProperty(QueueHeaders.FAILED_STAGE)).isEqualTo("crm");
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_lead")));
        assertThat(ledger.find(id).orElseThrow().externalRefs()).isEmpty();
    }

    @Test
    void aLeadThatCameFromThePortalIsLinkedNotCreatedAgain() {
        String id = "01JDLVR0LINK00000000000001";
        stubTask(id, "3715");
        Lead fromPortal = new Lead(id, "acme", Channel.CRM, "bitrix24", "LEAD:42", RECEIVED,
                new Contact("Sari Dewi", "Sari", "Dewi", List.of("+6281234567895"), List.of(), null), null, null, null,
                Map.of("bitrix24.entity", "LEAD", "bitrix24.id", "42"), null);

        deliver(fromPortal);

        StoredLead stored = awaitStatus(id, LeadStatus.TASK_CREATED);
        assertThat(ref(stored, "bitrix24", "lead")).isEqualTo("42");
        assertThat(detail(stored, LeadStatus.IN_CRM)).isEqualTo("linked to Bitrix24 lead 42 it came from (not created again)");
        BITRIX24.verify(0, postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(id + "_ol")));
        assertThat(body(id + "_ta")).contains("&fields[UF_CRM_TASK][0]=L_42");
    }

    @Test
    void aBitrix24TaskIsCompletedOnRequestAndAJiraTenantsTaskIsAnIssueClosedByItsDoneTransition() throws Exception {
        String id = "01JDLVR0DONE00000000000001";
        stubBatch(id + "_ol", ok(noMatches(id)));
        stubBatch(id + "_lead", ok(Map.of(id + "_lead", "3468")));
        stubTask(id, "3716");
        stubBatch(id + "_tc", ok(Map.of(id + "_tc", "{\"task\":{\"id\":\"3716\",\"status\":\"5\"}}")));
        deliver(lead(id, "acme", "+6281234567896", null));
        awaitStatus(id, LeadStatus.TASK_CREATED);

        assertThat(tasks.complete(tenants.find("acme").orElseThrow(), id)).isTrue();

        assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(LeadStatus.TASK_DONE);
        assertThat(commandsSent(id)).containsEntry(id + "_tc", "tasks.task.complete?taskId=3716");

        // rusco: no CRM, tasks in Jira; the issue is looked up by its label before it is made
        String jiraLead = "01JDLVR0JIRA00000000000001";
        BITRIX24.stubFor(post(urlEqualTo("/rest/api/3/search/jql")).willReturn(json(fixture("jira/search-none.json"))));
        BITRIX24.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(fixture("jira/create-issue-201.json"))
                .withStatus(201)));
        BITRIX24.stubFor(get(urlEqualTo("/rest/api/3/issue/ED-24/transitions"))
                .willReturn(json(fixture("jira/transitions-to-done.json"))));
        BITRIX24.stubFor(post(urlEqualTo("/rest/api/3/issue/ED-24/transitions")).willReturn(aResponse().withStatus(204)));

        deliver(lead(jiraLead, "rusco", "+74951234567", "ivan@rusco.example"));

        StoredLead stored = awaitStatus(jiraLead, LeadStatus.TASK_CREATED);
        assertThat(ref(stored, "jira", "task")).isEqualTo("ED-24");
        assertThat(stored.journey()).extracting(JourneyEntry::status).doesNotContain(LeadStatus.IN_CRM);
        BITRIX24.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/search/jql"))
                .withRequestBody(containing("lintas-" + jiraLead)));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue"))
                .withRequestBody(containing("\"labels\":[\"lintas-" + jiraLead + "\"]"))
                .withRequestBody(containing("\"project\":{\"key\":\"OPS\"}"))
                .withRequestBody(containing("\"duedate\":\"2026-11-25\"")));

        assertThat(tasks.complete(tenants.find("rusco").orElseThrow(), jiraLead)).isTrue();

        BITRIX24.verify(1, getRequestedFor(urlEqualTo("/rest/api/3/issue/ED-24/transitions")));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/ED-24/transitions"))
                .withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"}}")));
        assertThat(ledger.find(jiraLead).orElseThrow().status()).isEqualTo(LeadStatus.TASK_DONE);
    }

    // --- helpers ---

    private static Lead lead(String id, String tenant, String phone, String email) {
        return new Lead(id, tenant, Channel.FORM, "tilda", "tranid-" + id, RECEIVED,
                new Contact("Budi Santoso", "Budi", "Santoso", List.of(phone), email == null ? List.of() : List.of(email),
                        "PT Maju"),
                "Please call me back", new Utm("google", "cpc", "spring", null, null), true, Map.of(), null);
    }

    /** As the pipeline does: the lead in the ledger, its JSON on lintas.crm with the queue headers. */
    private void deliver(Lead lead) {
        String json = ledger.insert(lead, LeadStatus.QUEUED_CRM, List.of(), "application/json", new byte[0], List.of());
        producer.sendBodyAndHeaders("jms:queue:lintas.crm", json, Map.of(QueueHeaders.LEAD_ID, lead.id(),
                QueueHeaders.TENANT, lead.tenant(), QueueHeaders.SOURCE, lead.source()));
    }

    /** Every lookup answers "none" ([] for lists and for findbycomm, as the contract says). */
    private static Map<String, String> noMatches(String id) {
        Map<String, String> results = new java.util.LinkedHashMap<>();
        for (String suffix : List.of("ol", "od", "cp", "ce", "lp", "le", "op", "oe")) {
            results.put(id + "_" + suffix, "[]");
        }
        return results;
    }

    private static void stubTask(String id, String taskId) {
        stubBatch(id + "_tl", ok(Map.of(id + "_tl", "{\"tasks\":[]}")));
        stubBatch(id + "_ta", ok(Map.of(id + "_ta", "{\"task\":{\"id\":\"" + taskId + "\",\"status\":\"2\"}}")));
    }

    /**
     * The sub-calls of this lead that went out, by key, from every batch request: other leads' chains
     * may share a batch (that is the point of the batcher), so a request is never compared whole.
     * Every batch is sent with halt=0.
     */
    private Map<String, String> commandsSent(String leadId) {
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        for (var request : BITRIX24.findAll(postRequestedFor(urlEqualTo(BATCH)))) {
            try {
                var body = json.readTree(request.getBodyAsString());
                assertThat(body.path("halt").asInt(-1)).isZero();
                body.path("cmd").properties().forEach(e -> {
                    if (e.getKey().startsWith(leadId + "_")) {
                        sent.put(e.getKey(), e.getValue().asText());
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    /** The cmd of a batch body as the contract writes it. */
    private Map<String, String> commands(String batchBody) {
        try {
            Map<String, String> cmd = new java.util.LinkedHashMap<>();
            json.readTree(batchBody).path("cmd").properties().forEach(e -> cmd.put(e.getKey(), e.getValue().asText()));
            assertThat(cmd).isNotEmpty();
            return cmd;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of the batch request that carried this key. */
    private static String body(String key) {
        return BITRIX24.findAll(postRequestedFor(urlEqualTo(BATCH)).withRequestBody(containing(key))).get(0).getBodyAsString();
    }

    private StoredLead awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(id).orElseThrow(),
                lead -> lead.journey().stream().anyMatch(e -> e.status().equals(status)));
    }

    private static String detail(StoredLead lead, String status) {
        return lead.journey().stream().filter(e -> e.status().equals(status)).map(JourneyEntry::detail).findFirst()
                .orElseThrow();
    }

    private static String ref(StoredLead lead, String system, String kind) {
        return lead.externalRefs().stream().filter(r -> r.system().equals(system) && r.kind().equals(kind))
                .map(StoredLead.ExternalRef::externalId).findFirst().orElse(null);
    }

    private Message deadLetter(String queue, String leadId) {
        return jms.browseSelected(queue, QueueHeaders.LEAD_ID + " = '" + leadId + "'", (session, browser) -> {
            Enumeration<?> e = browser.getEnumeration();
            return e.hasMoreElements() ? (Message) e.nextElement() : null;
        });
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = DeliverCrmRouteTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
