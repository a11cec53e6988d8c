package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lintas.connector.bitrix24.RatePlan;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The tenant's bitrix24 section, as TenantsFile reads it. */
class Bitrix24ConfigTest {

    private static final UnaryOperator<String> ENV = text -> text
            .replace("${B24_URL}", "https://acme.bitrix24.com/rest/1/s3cr3tc0de/")
            .replace("${B24_TOKEN}", "jvh9y1ulvt2m6k5or90v9mg8nn32ozas");

    private static String tenant(String bitrix24) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    bitrix24:
                """ + bitrix24.indent(6);
    }

    @Test
    void aFullSectionIsRead() {
        Bitrix24Config config = parse("""
                webhook-url: ${B24_URL}
                domain: Acme.Bitrix24.com
                member-id: d897063e1ce7c5eb9f04b9751eef5915
                application-token: ${B24_TOKEN}
                replay-window: 5m
                plan: enterprise
                events: [oncrmleadadd, ONCRMDEALUPDATE]
                """);
        assertThat(config.webhookUrl()).isEqualTo("https://acme.bitrix24.com/rest/1/s3cr3tc0de");
        assertThat(config.domain()).isEqualTo("acme.bitrix24.com");
        assertThat(config.memberId()).isEqualTo("d897063e1ce7c5eb9f04b9751eef5915");
        assertThat(config.applicationToken()).isEqualTo("jvh9y1ulvt2m6k5or90v9mg8nn32ozas");
        assertThat(config.replayWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.ratePlan()).isEqualTo(RatePlan.ENTERPRISE);
        assertThat(config.events()).containsExactlyInAnyOrder("ONCRMLEADADD", "ONCRMDEALUPDATE");
        assertThat(config.takes("ONCRMDEALUPDATE")).isTrue();
        assertThat(config.takes("ONCRMLEADUPDATE")).isFalse();
    }

    @Test
    void defaultsAreTheStandardPlanNewLeadsAndFifteenMinutes() {
        Bitrix24Config config = parse(minimal(""));
        assertThat(config.ratePlan()).isEqualTo(new RatePlan(50, 2));
        assertThat(config.events()).containsExactly("ONCRMLEADADD");
        assertThat(config.replayWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theRatePlanCanBeTuned() {
        assertThat(parse(minimal("burst: 10\nper-second: 0.5\n")).ratePlan()).isEqualTo(new RatePlan(10, 0.5));
        assertThat(parse(minimal("plan: enterprise\nburst: 100\n")).ratePlan()).isEqualTo(new RatePlan(100, 5));
    }

    @Test
    void secretsNeverShowInToString() {
        String shown = parse(minimal("")).toString();
        assertThat(shown).doesNotContain("s3cr3tc0de").doesNotContain("jvh9y1ulvt2m6k5or90v9mg8nn32ozas")
                .contains("acme.bitrix24.com");
    }

    @Test
    void everyProblemIsReportedWithoutEchoingTheUrl() {
        InvalidTenantConfiguration error = catchThrowableOfType(InvalidTenantConfiguration.class, () -> TenantsFile.parse(
                "t.yaml", tenant("""
                        webhook-url: http://acme.bitrix24.com/rest/1/s3cr3tc0de
                        replay-window: soon
                        plan: gold
                        per-second: 0
                        events: [ONCRMLEADDELETE]
                        """), ENV));
        assertThat(error.problems()).containsExactlyInAnyOrder(
                "tenant #1 'acme', bitrix24: webhook-url must be an https URL like https://{portal}/rest/{user}/{code} (plain http only on localhost)",
                "tenant #1 'acme', bitrix24: domain is required, the portal's host name such as example.bitrix24.com",
                "tenant #1 'acme', bitrix24: member-id is required (auth[member_id] of the portal's events)",
                "tenant #1 'acme', bitrix24: application-token is required (shown when the outbound webhook was created)",
                "tenant #1 'acme', bitrix24: replay-window must be a positive duration such as 15m or PT1H (got soon)",
                "tenant #1 'acme', bitrix24: plan must be standard or enterprise (got gold)",
                "tenant #1 'acme', bitrix24: per-second must be a positive number (got 0.0)",
                "tenant #1 'acme', bitrix24: events may be ONCRMLEADADD, ONCRMLEADUPDATE, ONCRMDEALADD, ONCRMDEALUPDATE (got ONCRMLEADDELETE)");
        assertThat(error.getMessage()).doesNotContain("s3cr3tc0de");
    }

    @Test
    void plainHttpIsAllowedOnLoopbackOnlyAndUnknownKeysAreRefused() {
        assertThat(parse(minimal("").replace("${B24_URL}", "http://127.0.0.1:8089/rest/1/x")).webhookUrl())
                .isEqualTo("http://127.0.0.1:8089/rest/1/x");
        InvalidTenantConfiguration error = catchThrowableOfType(InvalidTenantConfiguration.class,
                () -> TenantsFile.parse("t.yaml", tenant(minimal("webhook: x\n")), ENV));
        assertThat(error.problems()).singleElement().asString().contains("webhook");
    }

    @Test
    void aTenantWithoutTheSectionHasNoPortal() {
        List<Tenant> tenants = TenantsFile.parse("t.yaml", tenant("{}").replace("bitrix24:\n      {}", ""), ENV);
        assertThat(tenants.get(0).bitrix24()).isNull();
    }

    private static String minimal(String extra) {
        return """
                webhook-url: ${B24_URL}
                domain: acme.bitrix24.com
                member-id: m1
                application-token: ${B24_TOKEN}
                """ + extra;
    }

    private static Bitrix24Config parse(String section) {
        return TenantsFile.parse("t.yaml", tenant(section), ENV).get(0).bitrix24();
    }

}
