package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeEnvelope;
import io.lintas.lead.Channel;
import io.lintas.lead.RawLead;
import io.lintas.ledger.LeadLedger;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * /api/dlq: replay of listed ids and of all, discard of one and of several, each audited with
 * who, when, which message and its reason; a discarded message's body is in its audit record
 * (never in the log); the viewer lists but neither replays nor discards.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersAdminRouteTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;
    @Autowired
    LeadLedger ledger;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    @Test
    void listedIdsAndThenAllAreReplayedEachLeadRecordedOnceAndEveryReplayAudited() throws Exception {
        List<String> leads = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String leadId = leadId();
            leads.add(leadId);
            messageIds.add(deadLetter("intake", leadId, "acme", json.writeValueAsString(envelope(leadId, "0812-7000-" + (1000 + i)))));
        }

        HttpResponse<String> listed = client.postAsUser("/api/dlq/intake/replay",
                "{\"messageIds\":[\"" + messageIds.get(0) + "\",\"" + messageIds.get(1) + "\",\"ID:no-such-message\"]}",
                ADMIN, ADMIN_PASSWORD);

        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).path("replayed").asInt()).isEqualTo(2);
        assertThat(json.readTree(listed.body()).path("notFound").toString()).contains("ID:no-such-message");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(leads.get(0)).isPresent() && ledger.find(leads.get(1)).isPresent());
        assertThat(ledger.find(leads.get(2))).isEmpty();

        HttpResponse<String> all = client.postAsUser("/api/dlq/intake/replay", "", ADMIN, ADMIN_PASSWORD);

        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(json.readTree(all.body()).path("replayed").asInt()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(leads.get(2)).isPresent() && ledger.find(leads.get(3)).isPresent());
        JsonNode stage = json.readTree(client.get("/api/dlq/intake?limit=1000", ADMIN, ADMIN_PASSWORD).body());
        for (JsonNode letter : stage.path("messages")) {
            assertThat(leads).doesNotContain(letter.path("leadId").asText());
        }
        JsonNode audit = json.readTree(client.get("/api/dlq/audit?stage=intake&action=REPLAY&limit=1000", "viewer",
                "test-viewer-password").body()).path("records");
        for (int i = 0; i < 4; i++) {
            JsonNode record = record(audit, messageIds.get(i));
            assertThat(record.path("leadId").asText()).isEqualTo(leads.get(i));
            assertThat(record.path("tenant").asText()).isEqualTo("acme");
            assertThat(record.path("actor").asText()).isEqualTo("admin");
            assertThat(record.path("failureReason").asText()).isEqualTo("CrmUnavailable: test failure " + leads.get(i));
            assertThat(record.path("actedAt").asText()).isNotBlank();
        }
    }

    @Test
    void discardedMessagesLeaveTheQueueButLiveOnInTheirAuditRecordAndNeverInTheLog(CapturedOutput output) throws Exception {
        String marker = "body-marker-" + UUID.randomUUID();
        List<String> leads = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String leadId = leadId();
            leads.add(leadId);
            messageIds.add(deadLetter("crm", leadId, "rusco", "{\"leadId\":\"" + leadId + "\",\"note\":\"" + marker + "\"}"));
        }

        HttpResponse<String> one = client.postAsUser("/api/dlq/crm/discard", "{\"messageIds\":[\"" + messageIds.get(0) + "\"]}",
                ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> several = client.postAsUser("/api/dlq/crm/discard",
                "{\"messageIds\":[\"" + messageIds.get(1) + "\",\"" + messageIds.get(2) + "\"]}", ADMIN, ADMIN_PASSWORD);

        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json.readTree(one.body()).path("discarded").asInt()).isEqualTo(1);
        assertThat(json.readTree(several.body()).path("discarded").asInt()).isEqualTo(2);
        JsonNode stage = json.readTree(client.get("/api/dlq/crm?limit=1000", "viewer", "test-viewer-password").body());
        for (JsonNode letter : stage.path("messages")) {
            assertThat(leads).doesNotContain(letter.path("leadId").asText());
        }
        JsonNode audit = json.readTree(client.get("/api/dlq/audit?stage=crm&action=discard", ADMIN, ADMIN_PASSWORD).body())
                .path("records");
        for (int i = 0; i < 3; i++) {
            JsonNode record = record(audit, messageIds.get(i));
            assertThat(record.path("action").asText()).isEqualTo("DISCARD");
            assertThat(record.path("leadId").asText()).isEqualTo(leads.get(i));
            assertThat(record.path("tenant").asText()).isEqualTo("rusco");
            assertThat(record.path("actor").asText()).isEqualTo("admin");
            assertThat(record.path("body").isNull()).as("the list leaves bodies out").isTrue();
            JsonNode full = json.readTree(client.get("/api/dlq/audit/" + record.path("id").asLong(), ADMIN, ADMIN_PASSWORD).body());
            assertThat(full.path("body").asText()).isEqualTo("{\"leadId\":\"" + leads.get(i) + "\",\"note\":\"" + marker + "\"}");
            assertThat(json.readTree(full.path("properties").asText()).path("LintasFailureReason").asText())
                    .isEqualTo("CrmUnavailable: test failure " + leads.get(i));
        }
        assertThat(output.getAll()).doesNotContain(marker);
        assertThat(client.get("/api/dlq/audit/999999999", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void discardingAllEmptiesTheStageAndAuditsEachMessage() throws Exception {
        String first = deadLetter("payments", leadId(), "acme", "{\"callback\":1}");
        String second = deadLetter("payments", leadId(), "acme", "{\"callback\":2}");

        HttpResponse<String> all = client.postAsUser("/api/dlq/payments/discard", "{}", ADMIN, ADMIN_PASSWORD);

        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(json.readTree(all.body()).path("discarded").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(json.readTree(client.get("/api/dlq/payments", ADMIN, ADMIN_PASSWORD).body()).path("count").asInt()).isZero();
        JsonNode audit = json.readTree(client.get("/api/dlq/audit?stage=payments", ADMIN, ADMIN_PASSWORD).body()).path("records");
        record(audit, first);
        record(audit, second);
    }

    @Test
    void theViewerListsButNeitherReplaysNorDiscards() throws Exception {
        String messageId = deadLetter("tasks", leadId(), "acme", "{}");

        assertThat(client.postAsUser("/api/dlq/tasks/replay", "{\"messageIds\":[\"" + messageId + "\"]}", "viewer",
                "test-viewer-password").statusCode()).isEqualTo(403);
        assertThat(client.postAsUser("/api/dlq/tasks/discard", "{\"messageIds\":[\"" + messageId + "\"]}", "viewer",
                "test-viewer-password").statusCode()).isEqualTo(403);
        assertThat(client.postAsUser("/api/dlq/tasks/discard", "{}", null, null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/dlq/audit", null, null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/dlq/audit", "viewer", "test-viewer-password").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/dlq/audit?action=burn", "viewer", "test-viewer-password").statusCode()).isEqualTo(400);
        assertThat(client.postAsUser("/api/dlq/nosuchstage/discard", "{}", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        JsonNode stage = json.readTree(client.get("/api/dlq/tasks?limit=1000", "viewer", "test-viewer-password").body());
        assertThat(stage.path("messages").toString()).contains(messageId);
        client.postAsUser("/api/dlq/tasks/discard", "{\"messageIds\":[\"" + messageId + "\"]}", ADMIN, ADMIN_PASSWORD);
    }

    private static JsonNode record(JsonNode audit, String messageId) {
        for (JsonNode record : audit) {
            if (messageId.equals(record.path("messageId").asText())) {
                return record;
            }
        }
        throw new AssertionError("no audit record for " + messageId + " in " + audit);
    }

    /** Puts a message on a stage's dead-letter queue the way the error handler leaves it; returns its JMS id. */
    private String deadLetter(String stage, String leadId, String tenant, String body) {
        Message[] sent = new Message[1];
        jms.send("lintas.dlq." + stage, session -> {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("LintasLeadId", leadId);
            message.setStringProperty("LintasTenant", tenant);
            message.setStringProperty("LintasFailureReason", "CrmUnavailable: test failure " + leadId);
            message.setStringProperty("LintasFailedAt", Instant.now().toString());
            message.setStringProperty("LintasFailedStage", stage);
            sent[0] = message;
            return message;
        });
        try {
            return sent[0].getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IntakeEnvelope envelope(String leadId, String phone) {
        return new IntakeEnvelope(leadId, "acme", Channel.FORM, "html", "contact", null, Instant.now(),
                new RawLead("Dlq Test", null, null, List.of(phone), List.of(), null, null, Map.of(), null, Map.of()),
                null, "application/json", "{}".getBytes(), List.of(), null, null);
    }

    private static String leadId() {
        return com.github.f4b6a3.ulid.UlidCreator.getUlid().toString();
    }
}
