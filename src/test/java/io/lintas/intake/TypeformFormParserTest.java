package io.lintas.intake;

import static io.lintas.intake.TestRequests.JSON;
import static io.lintas.intake.TestRequests.URLENCODED;
import static io.lintas.intake.TestRequests.fixture;
import static io.lintas.intake.TestRequests.form;
import static io.lintas.intake.TestRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.lintas.intake.ParsedSubmission.Kind;
import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import io.lintas.testing.TypeformSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeformFormParserTest {

    private static final String SECRET = "whsec-typeform-acme";

    private final TypeformFormParser parser = new TypeformFormParser();

    private static FormConfig signed() {
        return new FormConfig("survey", FormKind.TYPEFORM, null, null, null, SECRET, null, Map.of());
    }

    private IntakeRejected rejected(InboundRequest request, FormConfig form) {
        return catchThrowableOfType(() -> parser.parse(request, form), IntakeRejected.class);
    }

    @Test
    void officialShapedPayloadMapsByRefThenByAnswerType() throws Exception {
        byte[] body = fixture("typeform/form_response.json");
        ParsedSubmission parsed = parser.parse(post(JSON, body).header("Typeform-Signature", TypeformSignature.of(body, SECRET)).build(),
                signed());

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isEqualTo("a3a12ec67a1365927098a606107fac15");
        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Laura Palmer");            // ref "full_name"
        assertThat(lead.company()).isEqualTo("Twin Peaks Sawmill");       // ref "company"
        assertThat(lead.emails()).containsExactly("laura@example.com");   // unknown ref, type email
        assertThat(lead.phones()).containsExactly("+15555550123");        // unknown ref, type phone_number
        assertThat(lead.utm()).containsOnly(entry("utm_source", "newsletter"), entry("utm_campaign", "winter_2018"));
        assertThat(lead.attributes()).contains(
                entry("readable_ref_long_text", "We need leads from our website in Bitrix24."),
                entry("readable_ref_multiple_choice", "Business"),
                entry("readable_ref_channels", "Email, WhatsApp, Carrier pigeon"),
                entry("readable_ref_number", "42"),
                entry("readable_ref_yes_no", "false"),
                entry("readable_ref_date", "2018-02-01"),
                entry("readable_ref_website", "https://twinpeaks.example"),
                entry("user_id", "abc123456"),
                entry("form_id", "lT4Z3j"),
                entry("submitted_at", "2018-01-18T18:17:02Z"),
                entry("score", "9"),
                entry("variables.name", "typeform"));
        assertThat(lead.attributes()).doesNotContainKeys("partial", "readable_ref_email", "utm_source");
        assertThat(lead.message()).isNull(); // variables ("name": "typeform") are attributes, never contact data
    }

    @Test
    void withoutASecretNoSignatureIsNeeded() {
        ParsedSubmission parsed = parser.parse(post(JSON, fixture("typeform/form_response.json")).build(),
                form(FormKind.TYPEFORM));
        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
    }

    @Test
    void flippingOneByteOfTheBodyIs401() throws Exception {
        byte[] body = fixture("typeform/form_response.json");
        String signature = TypeformSignature.of(body, SECRET);
        byte[] tampered = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf("Laura");
        tampered[at] = 'M';

        IntakeRejected rejected = rejected(post(JSON, tampered).header("Typeform-Signature", signature).build(), signed());
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.reason()).contains("Typeform-Signature").doesNotContain(SECRET);
    }

    @Test
    void missingOrForeignSignatureIs401() throws Exception {
        byte[] body = fixture("typeform/form_response.json");
        assertThat(rejected(post(JSON, body).build(), signed()).status()).isEqualTo(401);
        assertThat(rejected(post(JSON, body).header("Typeform-Signature", TypeformSignature.of(body, "other-tenants-secret")).build(),
                signed()).status()).isEqualTo(401);
    }

    @Test
    void signatureIsCheckedBeforeTheBodyIsParsed() {
        IntakeRejected rejected = rejected(post(JSON, "{\"truncated\": ").header("Typeform-Signature", "sha256=x").build(),
                signed());
        assertThat(rejected.status()).isEqualTo(401);
    }

    @Test
    void onlyJsonIsAccepted() {
        IntakeRejected rejected = rejected(post(URLENCODED, "a=b").build(), form(FormKind.TYPEFORM));
        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.reason()).contains("application/json");
        assertThat(rejected(post(null, "{}").build(), form(FormKind.TYPEFORM)).status()).isEqualTo(415);
    }

    @Test
    void malformedJsonIs400AndAPayloadWithoutFormResponseIs422() throws Exception {
        assertThat(rejected(post(JSON, "{\"event_id\": \"x\", ").build(), form(FormKind.TYPEFORM)).status()).isEqualTo(400);
        assertThat(rejected(post(JSON, "[]").build(), form(FormKind.TYPEFORM)).status()).isEqualTo(400);

        byte[] vector = "{\"event_id\":\"x\",\"event_type\":\"form_response\"}".getBytes(StandardCharsets.UTF_8);
        IntakeRejected noResponse = rejected(post(JSON, vector)
                .header("Typeform-Signature", "sha256=OdUsGfOLwKTQTyfPcQWmOvT5H78q1GtsFvhdUuNL3xk=").build(),
                new FormConfig("s", FormKind.TYPEFORM, null, null, null, "secret", null, Map.of()));
        assertThat(noResponse.status()).isEqualTo(422);
    }

    @Test
    void partialResponsesAreStillLeadsMarkedPartialAndFallBackToEventId() {
        String body = """
                {"event_id":"01HQ7XPARTIAL","event_type":"form_response_partial",
                 "form_response":{"form_id":"lT4Z3j","answers":[
                   {"type":"email","email":"early@example.com","field":{"id":"a1","type":"email","ref":"e"}}]}}
                """;
        ParsedSubmission parsed = parser.parse(post(JSON, body).build(), form(FormKind.TYPEFORM));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isEqualTo("01HQ7XPARTIAL");
        assertThat(parsed.lead().emails()).containsExactly("early@example.com");
        assertThat(parsed.lead().attributes()).containsEntry("partial", "true");
    }

    @Test
    void fieldOverridesApplyToRefs() {
        String body = """
                {"event_id":"e1","event_type":"form_response","form_response":{"token":"t1","answers":[
                  {"type":"text","text":"Rina","field":{"id":"x1","type":"short_text","ref":"3f9a-uuid-ref"}},
                  {"type":"text","text":"Notes here","field":{"id":"x2","type":"long_text","ref":"other-uuid"}}]}}
                """;
        FormConfig form = new FormConfig("s", FormKind.TYPEFORM, null, null, null, null, null,
                Map.of("3f9a-uuid-ref", "name"));
        RawLead lead = parser.parse(post(JSON, body).build(), form).lead();

        assertThat(lead.fullName()).isEqualTo("Rina");
        assertThat(lead.attributes()).containsEntry("other-uuid", "Notes here");
    }

    @Test
    void honeypotInAnswersOrHiddenIsSpamAndNeverAnAttribute() {
        String body = """
                {"event_id":"e1","event_type":"form_response","form_response":{"token":"t1",
                  "hidden":{"trap":"filled by a bot"},
                  "answers":[{"type":"text","text":"Bot","field":{"id":"x1","type":"short_text","ref":"name"}}]}}
                """;
        FormConfig form = new FormConfig("s", FormKind.TYPEFORM, null, null, null, null, "trap", Map.of());
        ParsedSubmission parsed = parser.parse(post(JSON, body).build(), form);

        assertThat(parsed.kind()).isEqualTo(Kind.SPAM);
        assertThat(parsed.spamReason()).isEqualTo("honeypot field 'trap' filled");
        assertThat(parsed.sourceEventId()).isEqualTo("t1");
        assertThat(parsed.lead().attributes()).doesNotContainKey("trap");
    }

    @Test
    void aHoneypotAnswerIsCaughtWhateverItsAnswerType() {
        String body = """
                {"event_id":"e2","event_type":"form_response","form_response":{"token":"t2","answers":[
                  {"type":"email","email":"real@example.com","field":{"id":"a","type":"email","ref":"contact_email"}},
                  {"type":"email","email":"bot@spam.example","field":{"id":"b","type":"email","ref":"backup_email_trap"}}]}}
                """;
        FormConfig form = new FormConfig("s", FormKind.TYPEFORM, null, null, null, null, "backup_email_trap", Map.of());
        ParsedSubmission parsed = parser.parse(post(JSON, body).build(), form);

        assertThat(parsed.kind()).isEqualTo(Kind.SPAM);
        assertThat(parsed.lead().emails()).containsExactly("real@example.com");
        assertThat(parsed.lead().attributes().toString()).doesNotContain("spam.example");
    }
}
