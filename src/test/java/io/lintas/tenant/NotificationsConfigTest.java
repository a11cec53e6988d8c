package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The notifications section of a tenant: email, SMS gateway, outbound webhooks; secrets from the environment, never shown. */
class NotificationsConfigTest {

    private static final UnaryOperator<String> ENVIRONMENT = Placeholders.from(Map.of("SMTP_PASSWORD", "smtp-s3cret", "TWILIO_TOKEN", "twilio-s3cret",
                "HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "SMSRU_KEY", "smsru-s3cret"));

    private static String tenant(String section) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    notifications:
                """ + section.indent(6);
    }

    @Test
    void aFullSectionIsReadWithItsSecretsResolvedAndMasked() {
        NotificationsConfig config = TenantsFile.parse("t", tenant("""
                language: id
                templates: /etc/lintas/templates/acme
                email:
                  from: "Acme Billing <billing@acme.example>"
                  smtp:
                    host: smtp.acme.example
                    tls: implicit
                    username: billing@acme.example
                    password: ${SMTP_PASSWORD}
                sms:
                  provider: twilio
                  twilio:
                    account-sid: AC0123456789abcdef0123456789abcdef
                    auth-token: ${TWILIO_TOKEN}
                    from: "+15017122661"
                webhooks:
                  - url: https://erp.acme.example/hooks/lintas
                    secret: ${HOOK_SECRET}
                    events: [invoice.paid, lead.created]
                """), ENVIRONMENT).get(0).notifications();

        assertThat(config.language()).isEqualTo("id");
        assertThat(config.templates()).isEqualTo("/etc/lintas/templates/acme");
        assertThat(config.email().smtp()).isEqualTo(new NotificationsConfig.Smtp("smtp.acme.example", 465, NotificationsConfig.Tls.IMPLICIT,
                "billing@acme.example", "smtp-s3cret"));
        assertThat(config.sms().provider()).isEqualTo(NotificationsConfig.Provider.TWILIO);
        assertThat(config.sms().twilio().baseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(config.sms().twilio().authToken()).isEqualTo("twilio-s3cret");
        assertThat(config.subscribers("invoice.paid")).singleElement().satisfies(w -> assertThat(w.key()).hasSize(24));
        assertThat(config.subscribers("invoice.issued")).isEmpty();
        assertThat(config.toString()).doesNotContain("s3cret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void theSmtpPortCanComeFromAPlaceholderAndMustBeANumber() {
        UnaryOperator<String> env = value -> value.startsWith("${") ? (value.contains("PORT") ? "2525" : "nope") : value;
        NotificationsConfig config = TenantsFile.parse("t", tenant("""
                email:
                  from: billing@demo.example
                  smtp:
                    host: 127.0.0.1
                    port: ${SMTP_PORT}
                    tls: none
                """), env).get(0).notifications();
        assertThat(config.email().smtp().port()).isEqualTo(2525);
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("""
                email:
                  from: billing@demo.example
                  smtp:
                    host: 127.0.0.1
                    port: ${SMTP_WHAT}
                """), env)).hasMessageContaining("smtp: port must be 1-65535 (got nope)");
    }

    @Test
    void smsRuNeedsOnlyItsApiIdAndStartTlsIsTheDefaultOn587() {
        NotificationsConfig config = TenantsFile.parse("t", tenant("""
                email:
                  from: billing@rusco.example
                  smtp:
                    host: smtp.rusco.example
                sms:
                  provider: smsru
                  smsru:
                    api-id: ${SMSRU_KEY}
                """), ENVIRONMENT).get(0).notifications();

        assertThat(config.language()).isEqualTo("en");
        assertThat(config.email().smtp().port()).isEqualTo(587);
        assertThat(config.email().smtp().tls()).isEqualTo(NotificationsConfig.Tls.STARTTLS);
        assertThat(config.sms().smsru()).isEqualTo(new NotificationsConfig.SmsRu("https://sms.ru", "smsru-s3cret", null));
    }

    @Test
    void mistakesAreReportedTogether() {
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("""
                language: de
                email:
                  from: nobody
                  smtp:
                    host: smtp.acme.example
                    tls: ssl
                    username: someone
                sms:
                  provider: twilio
                  twilio:
                    account-sid: XX123
                    auth-token: t
                webhooks:
                  - url: ftp://erp.acme.example
                    secret: not-a-whsec
                    events: [invoice.refunded]
                  - url: https://erp.acme.example
                    secret: whsec_c2hvcnQ=
                    events: [invoice.paid]
                """), ENVIRONMENT))
                .isInstanceOf(InvalidTenantConfiguration.class)
                .hasMessageContaining("notifications: language must be one of [id, ru, en] (got de)")
                .hasMessageContaining("email: from must be an address")
                .hasMessageContaining("smtp: tls must be none, starttls or implicit (got ssl)")
                .hasMessageContaining("smtp: a username needs a password")
                .hasMessageContaining("twilio: account-sid must start with AC")
                .hasMessageContaining("twilio: give exactly one of from and messaging-service-sid")
                .hasMessageContaining("webhook #1: url must be an http(s) URL")
                .hasMessageContaining("webhook #1: secret must be whsec_")
                .hasMessageContaining("webhook #1: unknown event invoice.refunded")
                .hasMessageContaining("webhook #2: secret must hold 24-64 bytes (got 5)");
    }

    @Test
    void anUnknownKeyOrProviderIsAProblem() {
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("""
                sms:
                  provider: zenziva
                """), ENVIRONMENT))
                .isInstanceOf(InvalidTenantConfiguration.class)
                .hasMessageContaining("sms: provider must be twilio or smsru (got zenziva)");
        assertThatThrownBy(() -> TenantsFile.parse("t", tenant("""
                emails:
                  from: a@b.c
                """), ENVIRONMENT))
                .isInstanceOf(InvalidTenantConfiguration.class);
    }
}
