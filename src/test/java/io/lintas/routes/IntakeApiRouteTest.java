package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * routes/intake-api.camel.yaml against the real application (the same context as the web-form
 * test): POST /api/leads with each tenant's own key, the lead in the ledger, idempotency on the
 * external id, every refusal, and the admin endpoints on the same path still closed.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeApiRouteTest {

    private static final String ACME_KEY = "acme-api-key-0001-test";
    private static final String JSON = "application/json";

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    @Test
    void aLeadPostedWithTheTenantsKeyIsAcceptedAfterItIsQueuedAndLandsNormalisedInTheLedger() throws Exception {
        String externalId = "crm-" + UUID.randomUUID();
        String phone = "0812-4" + fourDigits() + fourDigits().substring(1);
        NotifyBuilder queued = new NotifyBuilder(camel).fromRoute("intake-api").whenDone(1)
                .wereSentTo("jms://queue:lintas.intake*").create();
        NotifyBuilder processed = pipelineDone(1);

        HttpResponse<String> response = post("acme", ACME_KEY, lead(externalId, phone, " Rina.Wati@Example.ID "));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String leadId = json.readTree(response.body()).path("leadId").asText();
        assertThat(leadId).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(queued.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        StoredLead stored = ledger.find(leadId).orElseThrow();
        JsonNode lead = stored.lead();
        assertThat(stored.status()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.path("channel").asText()).isEqualTo("API");
        assertThat(lead.path("source").asText()).isEqualTo("api");
        assertThat(lead.path("sourceEventId").asText()).isEqualTo(externalId);
        assertThat(lead.at("/contact/firstName").asText()).isEqualTo("Rina");
        assertThat(lead.at("/contact/lastName").asText()).isEqualTo("Wati");
        assertThat(lead.at("/contact/phones/0").asText()).isEqualTo("+62" + phone.substring(1).replace("-", ""));
        assertThat(lead.at("/contact/emails/0").asText()).isEqualTo("rina.wati@example.id");
        assertThat(lead.at("/contact/company").asText()).isEqualTo("PT Maju");
        assertThat(lead.at("/utm/source").asText()).isEqualTo("partner");
        assertThat(lead.at("/attributes/budget").asText()).isEqualTo("15000000");
        assertThat(lead.at("/attributes/gclid").asText()).isEqualTo("abc123");
        assertThat(lead.path("consent").asBoolean()).isTrue();
        assertThat(QueueProbe.awaitMessagesFor(jms, "lintas.crm", leadId, 1)).isEqualTo(1);
    }

    @Test
    void theSameExternalIdTwiceIsOneLead() throws Exception {
        String externalId = "crm-" + UUID.randomUUID();
        String body = lead(externalId, "0813-2222-" + fourDigits(), "dup" + fourDigits() + "@example.id");
        NotifyBuilder processed = pipelineDone(2);

        HttpResponse<String> first = post("acme", ACME_KEY, body);
        HttpResponse<String> again = post("acme", "acme-api-key-0002-rotated", body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).as("any of the tenant's keys opens it").isEqualTo(202);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        String leadId = ledger.findBySourceEvent("acme", "api", externalId).orElseThrow();
        assertThat(leadId).isEqualTo(json.readTree(first.body()).path("leadId").asText());
        StoredLead lead = ledger.find(json.readTree(again.body()).path("leadId").asText()).orElseThrow();
        assertThat(lead.id()).as("the second intake id resolves to the first lead").isEqualTo(leadId);
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
        assertThat(QueueProbe.awaitMessagesFor(jms, "lintas.crm", leadId, 1)).isEqualTo(1);
    }

    @Test
    void aKeyOfOneTenantNeverOpensAnother() throws Exception {
        String body = lead("x-" + UUID.randomUUID(), "8 912 345-67-89", null);

        assertRefused(post("rusco", ACME_KEY, body), 401, "invalid API key");
        assertRefused(post("acme", "rusco-api-key-0001-test", body), 401, "invalid API key");
        assertRefused(client.post("/api/leads", JSON, body, "X-Lintas-Tenant", "acme"), 401, "missing API key");
        assertRefused(client.post("/api/leads", JSON, body, "X-Lintas-Tenant", "acme",
                "Authorization", "Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA=="), 401, "missing API key");
    }

    @Test
    void badInputGetsAClear4xxNeverA500() throws Exception {
        String good = lead("x-" + UUID.randomUUID(), "0812-1111-" + fourDigits(), null);
        byte[] huge = new byte[300 * 1024];
        Arrays.fill(huge, (byte) ' ');

        assertRefused(post("nowhere", ACME_KEY, good), 404, "unknown tenant");
        assertRefused(client.post("/api/leads", JSON, good, "Authorization", "Bearer " + ACME_KEY), 404, "X-Lintas-Tenant");
        assertRefused(client.post("/api/leads", JSON, huge, "X-Lintas-Tenant", "acme",
                "Authorization", "Bearer " + ACME_KEY), 413, null);
        assertRefused(client.post("/api/leads", "text/plain", good, "X-Lintas-Tenant", "acme",
                "Authorization", "Bearer " + ACME_KEY), 415, "application/json");
        assertRefused(post("acme", ACME_KEY, "{\"contact\": {\"phones\": [\"0812"), 400, "not valid JSON");
        assertRefused(post("acme", ACME_KEY, "{\"contact\": {\"phones\": [812]}, \"colour\": \"red\"}"), 422,
                "property 'colour' is not defined");
        assertRefused(post("acme", ACME_KEY, "{\"contact\": {\"phones\": [812]}}"), 422, "/contact/phones/0: integer found, string expected");
        assertRefused(post("acme", ACME_KEY, "{\"contact\": {\"fullName\": \"Nobody\", \"phones\": [\"12\"]}}"), 422,
                "nothing to contact the lead by");
        assertRefused(post("acme", ACME_KEY, "{\"tenant\": \"rusco\", \"message\": \"hi\"}"), 422,
                "tenant in the body differs");
    }

    @Test
    void theAdminEndpointsOnTheSamePathStayClosed() {
        assertThat(client.get("/api/leads", null, null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/leads/NOSUCHLEAD", null, null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/leads?limit=1", "admin", "test-admin-password").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/leads?limit=1", "viewer", "test-viewer-password").statusCode()).isEqualTo(200);
        assertThat(client.get("/hooks/acme/forms/contact", null, null).statusCode())
                .as("a Camel-only path still answers a wrong method with 405").isEqualTo(405);
    }

    @Test
    void withoutBrokersThereIsNoKafkaRoute() {
        assertThat(camel.getRoute("intake-kafka")).isNull();
        assertThat(camel.getRoute("intake-api")).isNotNull();
    }

    private HttpResponse<String> post(String tenant, String key, String body) {
        return client.post("/api/leads", JSON, body, "X-Lintas-Tenant", tenant, "Authorization", "Bearer " + key);
    }

    private void assertRefused(HttpResponse<String> response, int status, String reasonPart) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (reasonPart != null) {
            assertThat(json.readTree(response.body()).path("reason").asText()).contains(reasonPart);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.lintas");
    }

    private NotifyBuilder pipelineDone(int leads) {
        return new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(leads).create();
    }

    static String lead(String externalId, String phone, String email) {
        return """
                {"externalId": "%s",
                 "contact": {"fullName": "Rina Wati", "phones": ["%s"], "emails": [%s], "company": "PT Maju"},
                 "message": "Minta penawaran",
                 "utm": {"source": "partner", "campaign": "q4"},
                 "consent": true,
                 "attributes": {"budget": 15000000, "gclid": "abc123", "empty": null}}
                """.formatted(externalId, phone, email == null ? "" : "\"" + email + "\"");
    }

    private static String fourDigits() {
        return String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }
}
