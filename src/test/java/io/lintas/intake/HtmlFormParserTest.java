package io.lintas.intake;

import static io.lintas.intake.TestRequests.JSON;
import static io.lintas.intake.TestRequests.URLENCODED;
import static io.lintas.intake.TestRequests.fixture;
import static io.lintas.intake.TestRequests.form;
import static io.lintas.intake.TestRequests.post;
import static io.lintas.intake.TestRequests.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.lintas.intake.ParsedSubmission.Kind;
import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlFormParserTest {

    private static final String TOKEN = "html-form-token-7f3a";
    private static final String MULTIPART = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

    private final HtmlFormParser parser = new HtmlFormParser();
    private final FormConfig form = withToken(FormKind.HTML, TOKEN);

    private IntakeRejected rejected(InboundRequest request, FormConfig config) {
        return catchThrowableOfType(() -> parser.parse(request, config), IntakeRejected.class);
    }

    @Test
    void contactForm7JsonViaTheWebhookPlugin() {
        ParsedSubmission parsed = parser.parse(post("application/json; charset=UTF-8", fixture("html/cf7.json"))
                .header("X-Lintas-Token", TOKEN).build(), form);

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isNull();
        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Siti Rahayu");
        assertThat(lead.emails()).containsExactly("siti.rahayu@contoh.co.id");
        assertThat(lead.message()).isEqualTo("Halo, saya tertarik dengan layanan Anda.");
        assertThat(lead.phones()).containsExactly("0813 1234 5678"); // "nomor-hp" reads as nomor_hp
        assertThat(lead.attributes()).containsOnly(
                entry("your-subject", "Penawaran"),
                entry("layanan", "CRM, Billing"),
                entry("acceptance-privacy", "1"));
    }

    @Test
    void bitrixTutorialStyleUrlencodedFormWithTokenInQuery() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, fixture("html/bitrix-tutorial.txt"))
                .query("token", TOKEN).build(), form);

        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Андрей");
        assertThat(lead.lastName()).isEqualTo("Смирнов");
        assertThat(lead.company()).isEqualTo("ООО Ромашка");
        assertThat(lead.emails()).containsExactly("a.smirnov@romashka.ru");
        assertThat(lead.phones()).containsExactly("+7 495 123-45-67");
        assertThat(lead.attributes()).containsOnly(entry("interest", "crm, telephony"));
    }

    @Test
    void multipartWithAFilePartAndTokenField() {
        byte[] body = new String(fixture("html/multipart.bin"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("------WebKitFormBoundary7MA4YWxkTrZu0gW--",
                        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"_token\"\r\n\r\n"
                                + TOKEN + "\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ParsedSubmission parsed = parser.parse(post(MULTIPART, body).build(), form);

        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Dewi Lestari");
        assertThat(lead.phones()).containsExactly("+62 811 222 333");
        assertThat(lead.message()).isEqualTo("Baris satu\r\nBaris dua");
        assertThat(lead.attributes()).containsOnly(
                entry("brief", "file:brief Q3.pdf (152 bytes)"),
                entry("budget", "50-100 juta"));
        assertThat(lead.attributes().toString()).doesNotContain(TOKEN);
    }

    @Test
    void tokenInTheBodyIsRemovedAndSubmissionIdIsTheKey() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED,
                "name=Ann&email=ann%40example.com&_token=" + TOKEN + "&submission_id=sub-42").build(), form);

        assertThat(parsed.sourceEventId()).isEqualTo("sub-42");
        assertThat(parsed.lead().attributes()).isEmpty();

        ParsedSubmission byId = parser.parse(post(JSON, "{\"name\":\"Ann\",\"_id\":\"abc\"}")
                .query("token", TOKEN).build(), form);
        assertThat(byId.sourceEventId()).isEqualTo("abc");
    }

    @Test
    void missingOrWrongTokenIs401() {
        byte[] body = fixture("html/cf7.json");
        IntakeRejected missing = rejected(post(JSON, body).build(), form);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.reason()).contains("token").doesNotContain(TOKEN);

        assertThat(rejected(post(JSON, body).header("X-Lintas-Token", TOKEN + "x").build(), form).status()).isEqualTo(401);
        assertThat(rejected(post(URLENCODED, "name=Ann&_token=guess").build(), form).status()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherFormOpensNothing() {
        FormConfig other = withToken(FormKind.HTML, "token-of-another-tenant");
        assertThat(rejected(post(JSON, fixture("html/cf7.json")).query("token", TOKEN).build(), other).status())
                .isEqualTo(401);
    }

    @Test
    void aFormWithoutTokenRefusesEverything() {
        assertThat(rejected(post(JSON, fixture("html/cf7.json")).build(), form(FormKind.HTML)).status()).isEqualTo(401);
    }

    @Test
    void honeypotFilledIsSpamAfterAuth() {
        FormConfig trapped = new FormConfig("c", FormKind.HTML, TOKEN, null, null, null, "website", Map.of());

        ParsedSubmission spam = parser.parse(post(URLENCODED, "name=Bot&website=http%3A%2F%2Fcheap.example&submission_id=s1")
                .query("token", TOKEN).build(), trapped);
        assertThat(spam.kind()).isEqualTo(Kind.SPAM);
        assertThat(spam.sourceEventId()).isEqualTo("s1");
        assertThat(spam.spamReason()).isEqualTo("honeypot field 'website' filled");
        assertThat(spam.lead().attributes()).doesNotContainKey("website");

        ParsedSubmission human = parser.parse(post(URLENCODED, fixture("html/bitrix-tutorial.txt"))
                .query("token", TOKEN).build(), trapped);
        assertThat(human.kind()).isEqualTo(Kind.LEAD);
        assertThat(human.lead().attributes()).doesNotContainKey("website");

        // without the token the honeypot is never reached
        assertThat(rejected(post(URLENCODED, "name=Bot&website=x").build(), trapped).status()).isEqualTo(401);
    }

    @Test
    void fieldOverridesWin() {
        FormConfig overridden = new FormConfig("c", FormKind.HTML, TOKEN, null, null, null, null,
                Map.of("nama_depan", "first_name", "kontak", "phone"));
        RawLead lead = parser.parse(post(URLENCODED, "nama_depan=Rudi&kontak=0812&kota=Bandung")
                .query("token", TOKEN).build(), overridden).lead();

        assertThat(lead.firstName()).isEqualTo("Rudi");
        assertThat(lead.phones()).containsExactly("0812");
        assertThat(lead.attributes()).containsOnly(entry("kota", "Bandung"));
    }

    @Test
    void wrongContentTypeIs415AndMalformedBodiesAre4xx() {
        assertThat(rejected(post("text/plain", "name=Ann").query("token", TOKEN).build(), form).status()).isEqualTo(415);
        assertThat(rejected(post(null, "name=Ann").query("token", TOKEN).build(), form).status()).isEqualTo(415);
        assertThat(rejected(post("multipart/form-data", fixture("html/multipart.bin")).query("token", TOKEN).build(), form)
                .status()).isEqualTo(400);
        assertThat(rejected(post(JSON, "{\"name\": \"Ann\"").query("token", TOKEN).build(), form).status()).isEqualTo(400);
        assertThat(rejected(post(URLENCODED, "name=%G1").query("token", TOKEN).build(), form).status()).isEqualTo(400);

        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            flood.append("f").append(i).append("=1&");
        }
        assertThat(rejected(post(URLENCODED, flood.toString()).query("token", TOKEN).build(), form).status()).isEqualTo(413);
    }
}
