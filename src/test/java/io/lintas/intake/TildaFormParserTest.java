package io.lintas.intake;

import static io.lintas.intake.TestRequests.JSON;
import static io.lintas.intake.TestRequests.URLENCODED;
import static io.lintas.intake.TestRequests.fixture;
import static io.lintas.intake.TestRequests.fixtureText;
import static io.lintas.intake.TestRequests.form;
import static io.lintas.intake.TestRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.lintas.intake.ParsedSubmission.Kind;
import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TildaFormParserTest {

    private final TildaFormParser parser = new TildaFormParser();

    private static FormConfig tilda(String token, String apiKey, String apiKeyHeader, String honeypot) {
        return new FormConfig("contact", FormKind.TILDA, token, apiKey, apiKeyHeader, null, honeypot, Map.of());
    }

    private IntakeRejected rejected(InboundRequest request, FormConfig form) {
        return catchThrowableOfType(() -> parser.parse(request, form), IntakeRejected.class);
    }

    @Test
    void classicWebhookWithCyrillicFieldsBecomesALeadKeyedByTranid() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, fixture("tilda/webhook-urlencoded.txt")).build(),
                form(FormKind.TILDA));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isEqualTo("1111111:6161583731");
        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Иван Иванов");
        assertThat(lead.phones()).containsExactly("+7 (999) 123-45-67");
        assertThat(lead.emails()).containsExactly("ivan.ivanov@example.ru");
        assertThat(lead.message()).isEqualTo("Хочу подключить CRM, перезвоните после 18:00");
        assertThat(lead.attributes()).containsExactly(entry("Checkbox", "yes"), entry("formid", "form123456789"));
    }

    @Test
    void utmFromTheTildautmCookieFillsOnlyWhatTheBodyLacks() {
        RawLead lead = parser.parse(post(URLENCODED, fixture("tilda/webhook-urlencoded.txt")).build(),
                form(FormKind.TILDA)).lead();

        assertThat(lead.utm()).containsOnly(
                entry("utm_source", "vk"), // the body's own field wins over the cookie's "yandex"
                entry("utm_medium", "cpc"),
                entry("utm_campaign", "spring_sale"),
                entry("utm_term", "crm для салона"));
        assertThat(lead.attributes()).doesNotContainKeys("COOKIES", "tranid");
        assertThat(lead.attributes().toString()).doesNotContain("_ym_uid");
    }

    @Test
    void aBrokenCookieDoesNotCostTheLead() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED,
                "Name=Ann&COOKIES=TILDAUTM%3Dutm_source%253Dx%25ZZ%257C%257C%257Cutm_medium%253Demail").build(),
                form(FormKind.TILDA));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.lead().fullName()).isEqualTo("Ann");
    }

    @Test
    void marketplaceJsonExample() {
        ParsedSubmission parsed = parser.parse(post(JSON, fixture("tilda/marketplace.json")).build(), form(FormKind.TILDA));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isEqualTo("1111111:6161583731");
        assertThat(parsed.lead().fullName()).isEqualTo("Иван Иванов");
        assertThat(parsed.lead().attributes()).isEmpty();
    }

    @Test
    void missingTranidIsAllowedWithoutAKey() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, "Name=Ann&Phone=123").build(), form(FormKind.TILDA));
        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isNull();
    }

    @Test
    void theProbeIsAnsweredBeforeAnyCredentialCheck() {
        FormConfig locked = tilda("tok", "key", null, null);

        assertThat(parser.parse(post(URLENCODED, "test=test").build(), locked).kind()).isEqualTo(Kind.PROBE);
        assertThat(parser.parse(post(JSON, "{\"test\":\"test\"}").build(), locked).kind()).isEqualTo(Kind.PROBE);
        assertThat(parser.parse(post(null, "test=test").build(), locked)).isEqualTo(ParsedSubmission.probe());
    }

    @Test
    void somethingThatOnlyLooksLikeTheProbeIsNotOne() {
        assertThat(parser.parse(post(URLENCODED, "test=test&Name=Ann").build(), form(FormKind.TILDA)).kind())
                .isEqualTo(Kind.LEAD);
        assertThat(rejected(post(URLENCODED, "test=test&Name=Ann").build(), tilda("tok", null, null, null)).status())
                .isEqualTo(401);
    }

    @Test
    void apiKeyInTheConfiguredHeaderBodyFieldOrQuery() {
        FormConfig form = tilda(null, "user-api-key", null, null);
        String body = "Name=Ann&Phone=123";

        assertThat(parser.parse(post(URLENCODED, body).header("x-api-key", "user-api-key").build(), form).kind())
                .isEqualTo(Kind.LEAD);
        assertThat(parser.parse(post(URLENCODED, body).query("token", "user-api-key").build(), form).kind())
                .isEqualTo(Kind.LEAD);
        ParsedSubmission inBody = parser.parse(post(JSON,
                "{\"Name\":\"Ann\",\"api_key\":\"user-api-key\",\"tranid\":\"1:2\"}").build(), form);
        assertThat(inBody.kind()).isEqualTo(Kind.LEAD);
        assertThat(inBody.lead().attributes()).isEmpty();
        assertThat(parser.parse(post(URLENCODED, body + "&apikey=user-api-key").build(), form).lead().attributes())
                .isEmpty();
    }

    @Test
    void apiKeyInACustomHeaderOrAsBearer() {
        assertThat(parser.parse(post(JSON, "{\"Name\":\"Ann\"}").header("X-Tilda-Key", "k1").build(),
                tilda(null, "k1", "X-Tilda-Key", null)).kind()).isEqualTo(Kind.LEAD);
        assertThat(parser.parse(post(JSON, "{\"Name\":\"Ann\"}").header("Authorization", "Bearer k1").build(),
                tilda(null, "k1", "Authorization", null)).kind()).isEqualTo(Kind.LEAD);
    }

    @Test
    void wrongOrMissingApiKeyIs401() {
        FormConfig form = tilda(null, "user-api-key", null, null);

        IntakeRejected missing = rejected(post(URLENCODED, "Name=Ann").build(), form);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.reason()).contains("X-API-Key").doesNotContain("user-api-key");
        assertThat(rejected(post(URLENCODED, "Name=Ann").header("X-API-Key", "user-api-kez").build(), form).status())
                .isEqualTo(401);
        assertThat(rejected(post(URLENCODED, "Name=Ann&api_key=nope").build(), form).status()).isEqualTo(401);
    }

    @Test
    void aKeyValidForAnotherFormOpensNothingHere() {
        FormConfig ours = tilda(null, "key-of-tenant-a", null, null);
        assertThat(rejected(post(URLENCODED, "Name=Ann").header("X-API-Key", "key-of-tenant-b").build(), ours).status())
                .isEqualTo(401);
    }

    @Test
    void tokenMustComeAsQueryParameter() {
        FormConfig form = tilda("s3cret", null, null, null);

        assertThat(parser.parse(post(URLENCODED, "Name=Ann").query("token", "s3cret").build(), form).kind())
                .isEqualTo(Kind.LEAD);
        assertThat(rejected(post(URLENCODED, "Name=Ann").build(), form).status()).isEqualTo(401);
        assertThat(rejected(post(URLENCODED, "Name=Ann").query("token", "s3creT").build(), form).status()).isEqualTo(401);
    }

    @Test
    void credentialsAreCheckedBeforeTheBodyIsRead() {
        // a malformed body from someone without the token gets 401, not a parse error
        IntakeRejected rejected = rejected(post(URLENCODED, "Name=%ZZ").build(), tilda("s3cret", null, null, null));
        assertThat(rejected.status()).isEqualTo(401);
    }

    @Test
    void honeypotFilledIsSpamAndTheFieldIsNotKept() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, "Name=Bot&website=http%3A%2F%2Fspam.example&tranid=9:9")
                .build(), tilda(null, null, null, "website"));

        assertThat(parsed.kind()).isEqualTo(Kind.SPAM);
        assertThat(parsed.spamReason()).isEqualTo("honeypot field 'website' filled");
        assertThat(parsed.sourceEventId()).isEqualTo("9:9");
        assertThat(parsed.lead().attributes()).doesNotContainKey("website");

        ParsedSubmission human = parser.parse(post(URLENCODED, "Name=Ann&website=").build(), tilda(null, null, null, "website"));
        assertThat(human.kind()).isEqualTo(Kind.LEAD);
        assertThat(human.lead().attributes()).doesNotContainKey("website");
    }

    @Test
    void wrongContentTypeIs415AndMalformedBodiesAre400() {
        assertThat(rejected(post("text/plain", "Name=Ann").build(), form(FormKind.TILDA)).status()).isEqualTo(415);
        assertThat(rejected(post(URLENCODED, "Name=%E0%A4").build(), form(FormKind.TILDA)).status()).isEqualTo(400);
        assertThat(rejected(post(JSON, fixtureText("tilda/marketplace.json").substring(0, 20)).build(),
                form(FormKind.TILDA)).status()).isEqualTo(400);
    }

    @Test
    void cookieParserReadsTildaFormat() {
        assertThat(TildaFormParser.tildaUtm("a=1; TILDAUTM=utm_source%3Dfb%7C%7C%7Cutm_content%3Dbanner%2520one%7C%7C%7C"))
                .containsExactly(entry("utm_source", "fb"), entry("utm_content", "banner one"));
        assertThat(TildaFormParser.tildaUtm(null)).isEmpty();
        assertThat(TildaFormParser.tildaUtm("a=1")).isEmpty();
    }
}
