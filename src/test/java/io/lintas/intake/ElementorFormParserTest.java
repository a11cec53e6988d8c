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

class ElementorFormParserTest {

    private final ElementorFormParser parser = new ElementorFormParser();

    private IntakeRejected rejected(InboundRequest request, FormConfig form) {
        return catchThrowableOfType(() -> parser.parse(request, form), IntakeRejected.class);
    }

    @Test
    void labelKeyedModeMapsLabelsAndKeepsMetaAsAttributes() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, fixture("elementor/simple.txt")).build(),
                form(FormKind.ELEMENTOR));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isNull(); // Elementor sends no submission id
        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("John Carter");
        assertThat(lead.emails()).containsExactly("john@x.com");
        assertThat(lead.phones()).containsExactly("+62 812-3456-7890");
        assertThat(lead.message()).isEqualTo("Need a quote for 20 seats");
        assertThat(lead.attributes()).contains(
                entry("No Label field_5b2c1e", "Jakarta"),
                entry("form_id", "3f1c2a7"),
                entry("form_name", "Contact"),
                entry("Page URL", "https://acme.example/contact/"),
                entry("Remote IP", "203.0.113.7"),
                entry("User Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"),
                entry("Date", "March 3, 2025"),
                entry("Powered by", "Elementor"));
    }

    @Test
    void advancedDataModeMapsByCustomIdThenTitleThenType() {
        ParsedSubmission parsed = parser.parse(post(URLENCODED, fixture("elementor/advanced.txt")).build(),
                form(FormKind.ELEMENTOR));

        assertThat(parsed.kind()).isEqualTo(Kind.LEAD);
        assertThat(parsed.sourceEventId()).isNull();
        RawLead lead = parsed.lead();
        assertThat(lead.fullName()).isEqualTo("Budi Santoso");                 // custom id "name"
        assertThat(lead.emails()).containsExactly("budi@contoh.co.id");        // type=email
        assertThat(lead.phones()).containsExactly("0812-3456-7890");           // type=tel
        assertThat(lead.message()).isEqualTo("Mohon info harga paket bulanan"); // custom id "message"
        assertThat(lead.attributes()).containsOnly(
                entry("city", "Surabaya"),
                entry("form_id", "3f1c2a7"),
                entry("form_name", "Contact"),
                entry("date", "March 3, 2025"),
                entry("page_url", "https://toko.example/kontak/"),
                entry("remote_ip", "198.51.100.23"),
                entry("user_agent", "Mozilla/5.0 (Linux; Android 13)"));
    }

    @Test
    void advancedDataTitleMatchesWhenTheCustomIdIsMeaningless() {
        String body = "form%5Bid%5D=9&fields%5Bfield_x1%5D%5Btitle%5D=Perusahaan&fields%5Bfield_x1%5D%5Btype%5D=text"
                + "&fields%5Bfield_x1%5D%5Bvalue%5D=PT+Maju&fields%5Bfield_x2%5D%5Btitle%5D=Layanan"
                + "&fields%5Bfield_x2%5D%5Btype%5D=checkbox&fields%5Bfield_x2%5D%5Bvalue%5D=CRM%2C+SMS"
                + "&fields%5Bfield_x2%5D%5Braw_value%5D%5B0%5D=CRM&fields%5Bfield_x2%5D%5Braw_value%5D%5B1%5D=SMS";
        RawLead lead = parser.parse(post(URLENCODED, body).build(), form(FormKind.ELEMENTOR)).lead();

        assertThat(lead.company()).isEqualTo("PT Maju");
        assertThat(lead.attributes()).contains(entry("field_x2", "CRM, SMS"));
    }

    @Test
    void fieldOverridesUseTheCustomId() {
        FormConfig form = new FormConfig("c", FormKind.ELEMENTOR, null, null, null, null, null,
                Map.of("city", "company"));
        RawLead lead = parser.parse(post(URLENCODED, fixture("elementor/advanced.txt")).build(), form).lead();

        assertThat(lead.company()).isEqualTo("Surabaya");
        assertThat(lead.attributes()).doesNotContainKey("city");
    }

    @Test
    void tokenFromQueryOrHeaderWhenTheFormHasOne() {
        FormConfig form = withToken(FormKind.ELEMENTOR, "el-token-1");
        byte[] body = fixture("elementor/simple.txt");

        assertThat(parser.parse(post(URLENCODED, body).query("token", "el-token-1").build(), form).kind())
                .isEqualTo(Kind.LEAD);
        assertThat(parser.parse(post(URLENCODED, body).header("X-Lintas-Token", "el-token-1").build(), form).kind())
                .isEqualTo(Kind.LEAD);
    }

    @Test
    void missingOrWrongTokenIs401() {
        FormConfig form = withToken(FormKind.ELEMENTOR, "el-token-1");
        byte[] body = fixture("elementor/simple.txt");

        IntakeRejected missing = rejected(post(URLENCODED, body).build(), form);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.reason()).doesNotContain("el-token-1");
        assertThat(rejected(post(URLENCODED, body).query("token", "el-token-2").build(), form).status()).isEqualTo(401);
        assertThat(rejected(post(URLENCODED, body).header("X-Lintas-Token", "").build(), form).status()).isEqualTo(401);
    }

    @Test
    void honeypotByLabelOrCustomIdIsSpam() {
        FormConfig byLabel = new FormConfig("c", FormKind.ELEMENTOR, null, null, null, null, "Website", Map.of());
        ParsedSubmission labelled = parser.parse(post(URLENCODED, "Name=Bot&Website=http%3A%2F%2Fx.example").build(), byLabel);
        assertThat(labelled.kind()).isEqualTo(Kind.SPAM);
        assertThat(labelled.lead().attributes()).doesNotContainKey("Website");

        FormConfig byId = new FormConfig("c", FormKind.ELEMENTOR, null, null, null, null, "hp_trap", Map.of());
        String advanced = "form%5Bid%5D=9&fields%5Bname%5D%5Bvalue%5D=Bot"
                + "&fields%5Bhp_trap%5D%5Btitle%5D=Leave+empty&fields%5Bhp_trap%5D%5Bvalue%5D=gotcha";
        ParsedSubmission parsed = parser.parse(post(URLENCODED, advanced).build(), byId);
        assertThat(parsed.kind()).isEqualTo(Kind.SPAM);
        assertThat(parsed.spamReason()).isEqualTo("honeypot field 'hp_trap' filled");
        assertThat(parsed.lead().attributes()).doesNotContainKey("hp_trap").doesNotContainValue("gotcha");
    }

    @Test
    void elementorsOwnHoneypotFieldTypeIsSpamWhenFilled() {
        String advanced = "form%5Bid%5D=9&fields%5Bname%5D%5Bvalue%5D=Bot"
                + "&fields%5Bfield_hp%5D%5Btype%5D=honeypot&fields%5Bfield_hp%5D%5Bvalue%5D=filled";
        ParsedSubmission parsed = parser.parse(post(URLENCODED, advanced).build(), form(FormKind.ELEMENTOR));
        assertThat(parsed.kind()).isEqualTo(Kind.SPAM);
        assertThat(parsed.lead().attributes()).doesNotContainKey("field_hp");
    }

    @Test
    void onlyUrlencodedIsAccepted() {
        IntakeRejected rejected = rejected(post(JSON, "{\"Name\":\"John\"}").build(), form(FormKind.ELEMENTOR));
        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.reason()).contains("application/x-www-form-urlencoded");
    }

    @Test
    void malformedBodyIs400() {
        assertThat(rejected(post(URLENCODED, "Name=John&Email=john%4x.com").build(), form(FormKind.ELEMENTOR)).status())
                .isEqualTo(400);
    }
}
