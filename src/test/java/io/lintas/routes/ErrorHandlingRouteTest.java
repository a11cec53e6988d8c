package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeEnvelope;
import io.lintas.lead.Channel;
import io.lintas.lead.RawLead;
import io.lintas.ledger.LeadLedger;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * routes/error-handling.camel.yaml: a lead that keeps failing is redelivered with backoff, then
 * lands in its stage's dead-letter queue with the reason, and can be replayed from the admin
 * API; a broker that is down turns webhooks into 503 so senders retry.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorHandlingRouteTest {

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    LeadLedger ledger;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    @Test
    void aLeadThatKeepsFailingIsDeadLetteredWithItsReasonAndCanBeReplayed() throws Exception {
        String leadId = "01JGHOSTLEAD0000000000" + String.format("%04d", System.nanoTime() % 10_000).replace('-', '0');
        IntakeEnvelope envelope = new IntakeEnvelope(leadId, "ghost", Channel.FORM, "html", "contact", null,
                Instant.now(), new RawLead("Ghost", null, null, List.of("0812-1111-2222"), List.of(), null, null,
                        Map.of(), null, Map.of()), null, "application/json", "{}".getBytes(), List.of(), null, null);
        // two failed attempts roll back onto the queue; the third is handled by moving it to the DLQ
        NotifyBuilder deadLettered = new NotifyBuilder(camel).fromRoute("lead-pipeline")
                .whenFailed(2).and().whenCompleted(1).create();

        jms.convertAndSend("lintas.intake", json.writeValueAsString(envelope), message -> {
            message.setStringProperty("LintasLeadId", leadId);
            message.setStringProperty("LintasTenant", "ghost");
            return message;
        });

        assertThat(deadLettered.matches(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> listing = client.get("/api/dlq/intake", "viewer", "test-viewer-password");
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode letter = findLetter(json.readTree(listing.body()), leadId);
        assertThat(letter.path("tenant").asText()).isEqualTo("ghost");
        assertThat(letter.path("reason").asText()).contains("UnknownTenant").contains("'ghost' is not configured");
        assertThat(letter.path("failedAt").asText()).isNotBlank();
        assertThat(ledger.find(leadId)).isEmpty();

        tenants.put(Tenant.withForms("ghost", "Ghost Co", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of()));
        NotifyBuilder recorded = new NotifyBuilder(camel).fromRoute("lead-pipeline").whenCompleted(1).create();
        HttpResponse<String> replay = client.postAsUser("/api/dlq/intake/replay",
                "{\"messageIds\":[\"" + letter.path("messageId").asText() + "\"]}", "admin", "test-admin-password");

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
        assertThat(recorded.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ledger.find(leadId)).hasValueSatisfying(lead ->
                assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo("+6281211112222"));
        assertThat(findLetterOrNull(json.readTree(client.get("/api/dlq/intake", "admin", "test-admin-password").body()), leadId))
                .isNull();
    }

    @Test
    void anUnknownStageIs404() {
        assertThat(client.get("/api/dlq/nosuchstage", "admin", "test-admin-password").statusCode()).isEqualTo(404);
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void whenTheBrokerIsDownWebhooksAnswer503SoSendersRetry(@Autowired EmbeddedActiveMQ broker) throws Exception {
        broker.stop();

        HttpResponse<String> response = client.post("/hooks/acme/forms/contact?token=acme-form-token",
                "application/json", "{\"name\":\"Wati\",\"phone\":\"0812-3333-4444\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(json.readTree(response.body()).path("reason").asText()).contains("retry");
    }

    private static JsonNode findLetter(JsonNode stage, String leadId) {
        JsonNode letter = findLetterOrNull(stage, leadId);
        assertThat(letter).as("dead letter for lead " + leadId + " in " + stage).isNotNull();
        return letter;
    }

    private static JsonNode findLetterOrNull(JsonNode stage, String leadId) {
        for (JsonNode message : stage.path("messages")) {
            if (leadId.equals(message.path("leadId").asText())) {
                return message;
            }
        }
        return null;
    }
}
