package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

class TenantsFileTest {

    private static final UnaryOperator<String> NO_PLACEHOLDERS = Placeholders.from(Map.of());

    private static final String VALID = """
            tenants:
              - id: acme
                name: "  Acme Indonesia  "
                region: id
                currency: idr
                time-zone: Asia/Jakarta
                dedupe-window: 24h
                forms:
                  - id: contact
                    kind: html
                    token: ${ACME_FORM_TOKEN}
                    honeypot: website
                    fields:
                      nama_lengkap: name
                      no_hp: phone
                  - id: tilda
                    kind: TILDA
                    api-key: ${ACME_TILDA_KEY}
                    api-key-header: X-Tilda-Key
                  - id: typeform
                    kind: typeform
                    secret: ${ACME_TYPEFORM_SECRET}
                  - id: elementor
                    kind: elementor
                    token: literal-elementor-token
              - id: romashka
                name: Romashka
                region: RU
                currency: RUB
                time-zone: Europe/Moscow
                dedupe-window: PT30M
              - id: tanpa-window
                name: No window given
                region: ID
                currency: IDR
                time-zone: Asia/Jakarta
            """;

    private static final Map<String, String> SECRETS = Map.of(
            "ACME_FORM_TOKEN", "form-s3cret",
            "ACME_TILDA_KEY", "tilda-s3cret",
            "ACME_TYPEFORM_SECRET", "typeform-s3cret");

    @Test
    void aValidFileParsesEveryField() {
        List<Tenant> tenants = TenantsFile.parse("tenants.yaml", VALID, Placeholders.from(SECRETS));

        assertThat(tenants).extracting(Tenant::id).containsExactly("acme", "romashka", "tanpa-window");
        Tenant acme = tenants.get(0);
        assertThat(acme.name()).isEqualTo("Acme Indonesia");
        assertThat(acme.region()).isEqualTo("ID");
        assertThat(acme.currency()).isEqualTo("IDR");
        assertThat(acme.timeZone()).isEqualTo(ZoneId.of("Asia/Jakarta"));
        assertThat(acme.dedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(acme.forms()).containsOnlyKeys("contact", "tilda", "typeform", "elementor");

        FormConfig contact = acme.form("contact").orElseThrow();
        assertThat(contact.kind()).isEqualTo(FormKind.HTML);
        assertThat(contact.token()).isEqualTo("form-s3cret");
        assertThat(contact.honeypot()).isEqualTo("website");
        assertThat(contact.fields()).containsOnly(entry("nama_lengkap", "name"), entry("no_hp", "phone"));
        assertThat(contact.apiKey()).isNull();
        assertThat(contact.secret()).isNull();
        assertThat(contact.apiKeyHeader()).as("default header").isEqualTo("X-API-Key");

        FormConfig tilda = acme.form("tilda").orElseThrow();
        assertThat(tilda.kind()).isEqualTo(FormKind.TILDA);
        assertThat(tilda.token()).isNull();
        assertThat(tilda.apiKey()).isEqualTo("tilda-s3cret");
        assertThat(tilda.apiKeyHeader()).isEqualTo("X-Tilda-Key");
        assertThat(tilda.fields()).isEmpty();

        FormConfig typeform = acme.form("typeform").orElseThrow();
        assertThat(typeform.kind()).isEqualTo(FormKind.TYPEFORM);
        assertThat(typeform.secret()).isEqualTo("typeform-s3cret");

        FormConfig elementor = acme.form("elementor").orElseThrow();
        assertThat(elementor.kind()).isEqualTo(FormKind.ELEMENTOR);
        assertThat(elementor.token()).isEqualTo("literal-elementor-token");
        assertThat(acme.form("nope")).isEmpty();

        Tenant romashka = tenants.get(1);
        assertThat(romashka.region()).isEqualTo("RU");
        assertThat(romashka.currency()).isEqualTo("RUB");
        assertThat(romashka.timeZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(romashka.dedupeWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(romashka.forms()).isEmpty();

        assertThat(tenants.get(2).dedupeWindow()).as("default window").isEqualTo(Duration.ofHours(24));
    }

    @Test
    void shortDurationsAreRead() {
        for (Map.Entry<String, Duration> c : Map.of("30m", Duration.ofMinutes(30), "2H", Duration.ofHours(2),
                "90s", Duration.ofSeconds(90), "P1D", Duration.ofDays(1), "PT2H", Duration.ofHours(2)).entrySet()) {
            assertThat(TenantsFile.parse("t", tenant("dedupe-window: " + c.getKey()), NO_PLACEHOLDERS).get(0).dedupeWindow())
                    .as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void aMissingPlaceholderIsReportedAsAProblem() {
        InvalidTenantConfiguration e = catchThrowableOfType(
                () -> TenantsFile.parse("tenants.yaml", VALID, Placeholders.from(Map.of("ACME_FORM_TOKEN", "x", "ACME_TILDA_KEY", "y"))),
                InvalidTenantConfiguration.class);

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith("tenant #1 'acme': ").contains("ACME_TYPEFORM_SECRET");
        assertThat(e.getMessage()).startsWith("Invalid tenant configuration in tenants.yaml:");
    }

    @Test
    void unreadableYamlIsOneProblem() {
        InvalidTenantConfiguration e = catchThrowableOfType(
                () -> TenantsFile.parse("bad.yaml", "tenants:\n  - id: [unclosed\n", NO_PLACEHOLDERS),
                InvalidTenantConfiguration.class);

        assertThat(e.problems()).singleElement().asString().startsWith("not readable as tenant YAML");
    }

    @Test
    void unknownKeysAreRefused() {
        InvalidTenantConfiguration e = catchThrowableOfType(
                () -> TenantsFile.parse("t", tenant("dedupe-windw: 1h"), NO_PLACEHOLDERS), InvalidTenantConfiguration.class);

        assertThat(e.problems()).singleElement().asString().startsWith("not readable as tenant YAML").contains("dedupe-windw");
    }

    @Test
    void aFileWithoutTenantsIsRefused() {
        assertThatThrownBy(() -> TenantsFile.parse("t", "", NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems()).hasSize(1));
        for (String text : List.of("tenants: []", "tenants:\n", "tenants: null\n")) {
            assertThatThrownBy(() -> TenantsFile.parse("t", text, NO_PLACEHOLDERS))
                    .as("'%s'", text)
                    .isInstanceOfSatisfying(InvalidTenantConfiguration.class,
                            e -> assertThat(e.problems()).singleElement().asString().startsWith("no tenants defined"));
        }
    }

    @Test
    void everyProblemInTheFileIsListedAtOnce() {
        String text = """
                tenants:
                  - id: acme
                    name: Acme
                    region: XX
                    currency: ABC
                    time-zone: Mars/Olympus
                    dedupe-window: soon
                    forms:
                      - id: contact
                        kind: html
                      - id: survey
                        kind: typeform
                      - id: dup
                        kind: tilda
                      - id: dup
                        kind: tilda
                      - id: fax
                        kind: fax
                      - id: Bad_Id
                        kind: tilda
                      - id: elementor
                        kind: elementor
                  - id: ok
                    name: OK
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                  - id: ok
                    name: OK again
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                  - id: Not Valid
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                """;

        InvalidTenantConfiguration e = catchThrowableOfType(
                () -> TenantsFile.parse("tenants.yaml", text, NO_PLACEHOLDERS), InvalidTenantConfiguration.class);

        assertThat(e.problems()).containsExactly(
                "tenant #1 'acme': region must be an ISO 3166 country code with a phone plan, e.g. ID or RU (got XX)",
                "tenant #1 'acme': currency must be an ISO 4217 code, e.g. IDR (got ABC)",
                "tenant #1 'acme': time-zone must be a zone id such as Asia/Jakarta (got Mars/Olympus)",
                "tenant #1 'acme': dedupe-window must be a duration such as 24h or PT30M (got soon)",
                "tenant #1 'acme', form 'contact': an html form needs a token",
                "tenant #1 'acme', form 'survey': a typeform form needs the webhook secret",
                "tenant #1 'acme': form 'dup' defined twice",
                "tenant #1 'acme', form 'fax': kind must be one of tilda, typeform, elementor, html (got fax)",
                "tenant #1 'acme', form 'Bad_Id': id must be lower-case letters, digits and dashes",
                "tenant #1 'acme', form 'elementor': an elementor form needs a token (Elementor signs nothing)",
                "tenant #3 'ok': duplicate id",
                "tenant #4 'Not Valid': id must be lower-case letters, digits and dashes (got Not Valid)",
                "tenant #4 'Not Valid': name is required");
        assertThat(e.getMessage()).contains("\n  - tenant #3 'ok': duplicate id");
    }

    @Test
    void aBlankTenantEntryIsAProblemNotACrash() {
        assertProblem("tenants:\n  -\n" + tenant("").substring("tenants:\n".length()));
    }

    @Test
    void aBlankFormEntryIsAProblemNotACrash() {
        assertProblem(tenant("forms:\n      -\n      - id: contact\n        kind: html\n        token: t"));
    }

    @Test
    void aFieldMappingWithoutAValueIsAProblemNotACrash() {
        assertProblem(tenant("forms:\n      - id: contact\n        kind: html\n        token: t\n        fields:\n          no_hp:"));
    }

    private static void assertProblem(String text) {
        assertThatThrownBy(() -> TenantsFile.parse("t", text, NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class,
                        e -> assertThat(e.problems()).singleElement().asString().isNotBlank());
    }

    @Test
    void formConfigNeverShowsASecret() {
        Tenant acme = TenantsFile.parse("tenants.yaml", VALID, Placeholders.from(SECRETS)).get(0);

        for (FormConfig form : acme.forms().values()) {
            assertThat(form.toString()).doesNotContain("s3cret", "literal-elementor-token").contains("id=" + form.id());
        }
        assertThat(acme.toString()).doesNotContain("s3cret", "literal-elementor-token");
        assertThat(acme.form("contact").orElseThrow().toString()).contains("token=******", "apiKey=(none)", "secret=(none)");
    }

    @Test
    void aProblemMessageNeverShowsASecret() {
        String text = """
                tenants:
                  - id: acme
                    name: Acme
                    region: XX
                    currency: IDR
                    time-zone: Asia/Jakarta
                    forms:
                      - id: survey
                        kind: typeform
                        secret: ${ACME_TYPEFORM_SECRET}
                """;

        assertThatThrownBy(() -> TenantsFile.parse("t", text, Placeholders.from(SECRETS)))
                .isInstanceOf(InvalidTenantConfiguration.class)
                .message().doesNotContain("s3cret");
    }

    @Test
    void theBundledTenantsFileParsesWithItsDefaults() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/tenants.yaml")) {
            assertThat(in).as("tenants.yaml on the classpath").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a fresh environment: only the ${X:default} defaults (no LINTAS_* variables are expected here)
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

        List<Tenant> tenants = TenantsFile.parse("classpath:tenants.yaml", text, environment::resolveRequiredPlaceholders);

        assertThat(tenants).isNotEmpty();
        Tenant demo = tenants.stream().filter(t -> t.id().equals("demo")).findFirst().orElseThrow();
        assertThat(demo.region()).isEqualTo("ID");
        assertThat(demo.form("contact").orElseThrow().token()).isEqualTo("demo-form-token");
        assertThat(demo.form("typeform").orElseThrow().secret()).isEqualTo("demo-typeform-secret");
        assertThat(demo.forms().values()).allSatisfy(f -> assertThat(f.kind()).isNotNull());
    }

    @Test
    void springsResolverReportsAMissingVariableAsAProblem() {
        StandardEnvironment environment = new StandardEnvironment();
        String text = tenant("forms:\n      - id: c\n        kind: html\n        token: ${LINTAS_SURELY_UNSET_TOKEN_42}");

        assertThatThrownBy(() -> TenantsFile.parse("t", text, environment::resolveRequiredPlaceholders))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains("LINTAS_SURELY_UNSET_TOKEN_42"));
    }

    private static final String PORTAL = String.join("\n",
            "bitrix24:",
            "      webhook-url: https://acme.bitrix24.com/rest/1/code",
            "      domain: acme.bitrix24.com",
            "      member-id: m1",
            "      application-token: t1");

    @Test
    void aTenantDeliversToBitrix24WithTasksSlaAndRoutingWhenItSaysSo() {
        String text = tenant(String.join("\n", PORTAL,
                "    crm:",
                "      system: bitrix24",
                "      responsible: \"1\"",
                "      deal-category: 2",
                "      deal-stage: \"C2:NEW\"",
                "      source-ids: {call: CALLBACK}",
                "    tasks: BITRIX24",
                "    sla:",
                "      task-deadline: 2h",
                "    routing:",
                "      managers:",
                "        round-robin: [\"12\", \"15\"]",
                "      dispatchers:",
                "        fixed: \"7\""));

        Tenant acme = TenantsFile.parse("t", text, NO_PLACEHOLDERS).get(0);

        assertThat(acme.crm().system()).isEqualTo(CrmConfig.CrmSystem.BITRIX24);
        assertThat(acme.crm().dealCategory()).isEqualTo(2);
        assertThat(acme.crm().dealStage()).isEqualTo("C2:NEW");
        assertThat(acme.crm().sourceId(io.lintas.lead.Channel.CALL)).isEqualTo("CALLBACK");
        assertThat(acme.crm().sourceId(io.lintas.lead.Channel.FORM)).isEqualTo("WEBFORM");
        assertThat(acme.tasks()).isEqualTo(TaskSystem.BITRIX24);
        assertThat(acme.sla().taskDeadline()).isEqualTo(Duration.ofHours(2));
        assertThat(acme.routing().dispatcherFor("acme", "L1", (pool, subject) -> 0)).isEqualTo("7");
        assertThat(acme.routing().managerFor("acme", "L1", (pool, subject) -> 1)).isEqualTo("15");
    }

    @Test
    void aTenantWithoutDeliverySectionsDeliversNowhere() {
        Tenant acme = TenantsFile.parse("t", tenant("dedupe-window: 1h"), NO_PLACEHOLDERS).get(0);

        assertThat(acme.crm().delivers()).isFalse();
        assertThat(acme.tasks()).isEqualTo(TaskSystem.NONE);
        assertThat(acme.jira()).isNull();
        assertThat(acme.sla()).isEqualTo(io.lintas.routing.SlaPolicy.DEFAULT);
    }

    @Test
    void deliverySectionsThatDoNotFitTogetherAreProblems() {
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("crm: {system: bitrix24}"), NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems()).containsExactly(
                        "tenant #1 'acme': crm.system bitrix24 needs the tenant's bitrix24 section (webhook-url, domain, ...)"));
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("tasks: jira"), NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems()).containsExactly(
                        "tenant #1 'acme': tasks jira needs the tenant's jira section"));
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant(PORTAL + "\n    tasks: bitrix24"), NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems()).containsExactly(
                        "tenant #1 'acme': tasks bitrix24 needs a responsible user: routing.dispatchers or crm.responsible"));
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("tasks: trello"), NO_PLACEHOLDERS))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems()).containsExactly(
                        "tenant #1 'acme': tasks must be bitrix24, jira or none (got trello)"));
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("crm: {system: salesforce, responsible: boss, deal-category: -1}"),
                NO_PLACEHOLDERS)).isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> assertThat(e.problems())
                        .containsExactly("tenant #1 'acme', crm: system must be bitrix24 or none (got salesforce)",
                                "tenant #1 'acme', crm: responsible must be a Bitrix24 user id such as 1 (got boss)",
                                "tenant #1 'acme', crm: deal-category must be 0 or more (got -1)"));
    }

    @Test
    void theBundledDemoTenantDeliversToItsPortalWithBitrix24Tasks() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/tenants.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

        Tenant demo = TenantsFile.parse("classpath:tenants.yaml", text, environment::resolveRequiredPlaceholders).get(0);

        assertThat(demo.crm().system()).isEqualTo(CrmConfig.CrmSystem.BITRIX24);
        assertThat(demo.tasks()).isEqualTo(TaskSystem.BITRIX24);
        assertThat(demo.bitrix24().webhookUrl()).isEqualTo("https://demo.bitrix24.example/rest/1/demo-webhook-code");
        assertThat(demo.jira().siteUrl()).isEqualTo("https://demo.atlassian.example");
        assertThat(demo.toString()).doesNotContain("demo-jira-api-token", "demo-webhook-code");
    }

    /** One valid tenant with an extra line under it (indented to the tenant's keys). */
    private static String tenant(String extra) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                """ + "    " + extra + "\n";
    }
}
