package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import io.lintas.testing.TypeformSignature;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * routes/intake-webform.camel.yaml against the real application: HTTP on loopback, the embedded
 * Artemis broker and the ledger. Every sender format, every refusal, and what reaches the CRM queue.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeWebformRouteTest {

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
    void tildaSubmissionPostedTwiceIsOneLeadWithADuplicateTouch() {
        String tranid = "1111111:" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        String body = "Name=" + enc("Budi Santoso") + "&Phone=" + enc("+62 812-3456-" + fourDigits())
                + "&Email=" + enc(" Budi.Santoso@Example.CO.ID ") + "&tranid=" + enc(tranid) + "&formid=form123";
        NotifyBuilder twoProcessed = pipelineDone(2);

        HttpResponse<String> first = client.form("/hooks/acme/forms/tilda", body, "X-API-Key", "acme-tilda-key");
        HttpResponse<String> second = client.form("/hooks/acme/forms/tilda", body, "X-API-Key", "acme-tilda-key");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(twoProcessed.matches(20, TimeUnit.SECONDS)).isTrue();
        String leadId = ledger.findBySourceEvent("acme", "tilda", tranid).orElseThrow();
        StoredLead lead = ledger.find(leadId).orElseThrow();
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
        assertThat(lead.lead().at("/contact/firstName").asText()).isEqualTo("Budi");
        assertThat(lead.lead().at("/contact/lastName").asText()).isEqualTo("Santoso");
        assertThat(lead.lead().at("/contact/phones/0").asText()).startsWith("+62812345");
        assertThat(lead.lead().at("/contact/emails/0").asText()).isEqualTo("budi.santoso@example.co.id");
        assertThat(lead.lead().at("/sourceEventId").asText()).isEqualTo(tranid);
        assertThat(messagesOnCrmQueueFor(leadId)).isEqualTo(1);
    }

    @Test
    void tildaProbeAnswers200AndQueuesNothing() {
        NotifyBuilder answered = new NotifyBuilder(camel).fromRoute("intake-webform").whenDone(1).create();
        NotifyBuilder queued = new NotifyBuilder(camel).fromRoute("intake-webform").whenDone(1)
                .wereSentTo("jms://queue:lintas.intake*").create();

        HttpResponse<String> probe = client.form("/hooks/acme/forms/tilda", "test=test");

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(answered.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.matches()).isFalse();
    }

    @Test
    void signedTypeformIsAcceptedWith202AndItsJourneyCanBeReadBack() throws Exception {
        String token = UUID.randomUUID().toString().replace("-", "");
        String body = fixture("typeform.json").replace("TOKEN_PLACEHOLDER", token);
        NotifyBuilder processed = pipelineDone(1);
        NotifyBuilder queued = new NotifyBuilder(camel).fromRoute("intake-webform").whenDone(1)
                .wereSentTo("jms://queue:lintas.intake*").create();

        HttpResponse<String> response = client.post("/hooks/acme/forms/typeform", "application/json", body,
                "Typeform-Signature", TypeformSignature.of(body, "acme-typeform-secret"));

        assertThat(response.statusCode()).isEqualTo(202);
        String leadId = json.readTree(response.body()).path("leadId").asText();
        assertThat(leadId).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(queued.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> readBack = client.get("/api/leads/" + leadId, "admin", "test-admin-password");
        assertThat(readBack.statusCode()).isEqualTo(200);
        JsonNode stored = json.readTree(readBack.body());
        assertThat(stored.path("status").asText()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(stored.at("/lead/sourceEventId").asText()).isEqualTo(token);
        assertThat(stored.at("/lead/contact/emails/0").asText()).isEqualTo("siti.rahayu@example.id");
        assertThat(stored.at("/lead/contact/phones/0").asText()).isEqualTo("+6281298765432");
        assertThat(stored.at("/lead/utm/source").asText()).isEqualTo("facebook");
        assertThat(stored.path("journey").findValuesAsText("status"))
                .containsExactly(LeadStatus.RECEIVED, LeadStatus.NORMALISED, LeadStatus.QUEUED_CRM);
        assertThat(messagesOnCrmQueueFor(leadId)).isEqualTo(1);
    }

    @Test
    void typeformWithAForgedOrForeignSignatureIs401() throws Exception {
        String body = fixture("typeform.json").replace("TOKEN_PLACEHOLDER", "forged");
        String tampered = body.replace("20 unit", "21 unit");

        HttpResponse<String> tamperedBody = client.post("/hooks/acme/forms/typeform", "application/json", tampered,
                "Typeform-Signature", TypeformSignature.of(body, "acme-typeform-secret"));
        HttpResponse<String> otherTenantsSecret = client.post("/hooks/acme/forms/typeform", "application/json", body,
                "Typeform-Signature", TypeformSignature.of(body, "rusco-typeform-secret"));
        HttpResponse<String> unsigned = client.post("/hooks/acme/forms/typeform", "application/json", body);

        assertThat(tamperedBody.statusCode()).isEqualTo(401);
        assertThat(otherTenantsSecret.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(json.readTree(unsigned.body()).path("reason").asText()).isNotBlank();
    }

    @Test
    void aTokenOfOneTenantNeverOpensAnother() {
        HttpResponse<String> response = client.form("/hooks/rusco/forms/contact?token=acme-form-token",
                "name=Ivan&phone=" + enc("8 (912) 345-67-89"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void russianTenantNormalisesWithItsOwnRegion() throws Exception {
        NotifyBuilder processed = pipelineDone(1);
        String local = "8 (912) 3" + fourDigits().substring(0, 2) + "-" + fourDigits().substring(0, 2) + "-" + fourDigits().substring(0, 2);

        HttpResponse<String> response = client.post("/hooks/rusco/forms/contact?token=rusco-form-token",
                "application/json", "{\"name\":\"Иванов Иван Иванович\",\"phone\":\"" + local + "\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        StoredLead lead = ledger.find(json.readTree(response.body()).path("leadId").asText()).orElseThrow();
        assertThat(lead.lead().at("/contact/phones/0").asText()).startsWith("+79123").hasSize(12);
        assertThat(lead.lead().at("/contact/firstName").asText()).isEqualTo("Иван");
        assertThat(lead.lead().at("/contact/lastName").asText()).isEqualTo("Иванов");
    }

    @Test
    void theSamePersonTwiceWithinTheWindowIsOneLeadWithTwoTouches() throws Exception {
        String phone = "0813-5555-" + fourDigits();
        NotifyBuilder processed = pipelineDone(2);

        HttpResponse<String> first = client.post("/hooks/acme/forms/contact?token=acme-form-token", "application/json",
                "{\"name\":\"Dewi\",\"phone\":\"" + phone + "\",\"message\":\"Harga?\"}");
        HttpResponse<String> again = client.post("/hooks/acme/forms/contact?token=acme-form-token", "application/json",
                "{\"name\":\"Dewi\",\"phone\":\"" + phone + "\",\"message\":\"Masih menunggu\"}");

        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        String firstId = json.readTree(first.body()).path("leadId").asText();
        String againId = json.readTree(again.body()).path("leadId").asText();
        StoredLead lead = ledger.find(againId).orElseThrow();
        assertThat(lead.id()).isEqualTo(firstId);
        assertThat(lead.touches()).singleElement().satisfies(t -> {
            assertThat(t.intakeId()).isEqualTo(againId);
            assertThat(t.kind()).isEqualTo(LeadStatus.REPEAT);
        });
        assertThat(messagesOnCrmQueueFor(firstId)).isEqualTo(1);
        assertThat(messagesOnCrmQueueFor(againId)).isZero();
    }

    @Test
    void honeypotIsAnswered200AndRecordedAsSpamButNotDelivered() {
        NotifyBuilder processed = pipelineDone(1);
        String email = "bot" + fourDigits() + "@spam.example";

        HttpResponse<String> response = client.form("/hooks/acme/forms/contact?token=acme-form-token",
                "name=Bot&email=" + enc(email) + "&website=" + enc("http://spam.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        StoredLead spam = ledger.list("acme", LeadStatus.SPAM, null, null, 50).stream()
                .filter(l -> email.equals(l.lead().at("/contact/emails/0").asText()))
                .findFirst().orElseThrow();
        assertThat(ledger.find(spam.id()).orElseThrow().journey()).extracting(JourneyEntry::status)
                .containsExactly(LeadStatus.RECEIVED, LeadStatus.SPAM);
        assertThat(messagesOnCrmQueueFor(spam.id())).isZero();
    }

    @Test
    void elementorIsAnsweredExactly200() {
        NotifyBuilder processed = pipelineDone(1);

        HttpResponse<String> response = client.form("/hooks/acme/forms/elementor?token=acme-elementor-token",
                "Name=" + enc("Rina") + "&Email=" + enc("rina" + fourDigits() + "@example.id")
                        + "&form_id=3f1c2a7&form_name=Contact");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void multipartFormIsAccepted() {
        NotifyBuilder processed = pipelineDone(1);
        String boundary = "----lintasBoundary7MA4YWxkTrZu0gW";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAgus\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n0857-1234-" + fourDigits() + "\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<String> response = client.post("/hooks/acme/forms/contact?token=acme-form-token",
                "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void badInputGetsAClear4xxNeverA500() throws Exception {
        String tokenQuery = "?token=acme-form-token";
        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        assertRefused(client.form("/hooks/nowhere/forms/contact" + tokenQuery, "name=x&phone=0812"), 404);
        assertRefused(client.form("/hooks/acme/forms/nosuchform" + tokenQuery, "name=x"), 404);
        assertRefused(client.post("/hooks/acme/forms/contact" + tokenQuery, "application/x-www-form-urlencoded", huge), 413);
        assertRefused(client.post("/hooks/acme/forms/contact" + tokenQuery, "text/plain", "name=x"), 415);
        assertRefused(client.form("/hooks/acme/forms/contact" + tokenQuery, "name=Nobody&phone=12"), 422);
        assertRefused(client.post("/hooks/acme/forms/contact" + tokenQuery, "application/json", "{\"name\": \"trunc"), 400);
        assertRefused(client.form("/hooks/acme/forms/contact" + tokenQuery, "name=%E0%A4%A&phone=0812"), 400);
        assertRefused(client.form("/hooks/acme/forms/contact", "name=x&phone=081234567890"), 401);
    }

    private void assertRefused(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status != 413) {
            assertThat(json.readTree(response.body()).path("reason").asText()).isNotBlank();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.lintas");
    }

    private NotifyBuilder pipelineDone(int leads) {
        return new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(leads).create();
    }

    private int messagesOnCrmQueueFor(String leadId) {
        return QueueProbe.messagesFor(jms, "lintas.crm", leadId);
    }

    private static String fourDigits() {
        return String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String fixture(String name) throws IOException {
        try (var in = IntakeWebformRouteTest.class.getResourceAsStream("/intake-webform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
