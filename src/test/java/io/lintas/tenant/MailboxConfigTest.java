package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The {@code mailboxes} section of a tenant: defaults, strict checks, secrets resolved and masked. */
class MailboxConfigTest {

    private static final UnaryOperator<String> ENV =
            Placeholders.from(Map.of("ACME_IMAP_PASSWORD", "s3cr&t+pw%", "EMPTY", ""));

    private static String tenant(String mailboxes) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    mailboxes:
                """ + mailboxes.indent(6);
    }

    @Test
    void aFullMailboxIsReadWithItsDefaultsAndItsPasswordFromTheEnvironment() {
        List<Tenant> tenants = TenantsFile.parse("test", tenant("""
                - id: sales
                  host: imap.example.com
                  username: leads@acme.co.id
                  password: ${ACME_IMAP_PASSWORD}
                  own-domains: [acme.co.id, "@Acme.com"]
                - id: support
                  enabled: false
                  host: 127.0.0.1
                  port: 3143
                  tls: false
                  username: support
                  password: ${ACME_IMAP_PASSWORD}
                  folder: Leads
                  poll-delay: 500ms
                  move-to: Processed
                  max-attachment-size: 512KB
                """), ENV);

        List<MailboxConfig> mailboxes = tenants.get(0).mailboxes();
        MailboxConfig sales = mailboxes.get(0);
        assertThat(sales.tls()).isTrue();
        assertThat(sales.port()).isEqualTo(993);
        assertThat(sales.enabled()).isTrue();
        assertThat(sales.folder()).isEqualTo("INBOX");
        assertThat(sales.pollDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(sales.moveTo()).isNull();
        assertThat(sales.password()).isEqualTo("s3cr&t+pw%");
        assertThat(sales.ownDomains()).containsExactly("acme.co.id", "acme.com");
        assertThat(sales.maxAttachmentBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(sales.isOwnDomain("ACME.co.id")).isTrue();
        assertThat(sales.isOwnDomain("mail.acme.com")).isTrue();
        assertThat(sales.isOwnDomain("notacme.com")).isFalse();

        MailboxConfig support = mailboxes.get(1);
        assertThat(support.enabled()).isFalse();
        assertThat(support.tls()).isFalse();
        assertThat(support.port()).isEqualTo(3143);
        assertThat(support.folder()).isEqualTo("Leads");
        assertThat(support.pollDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(support.moveTo()).isEqualTo("Processed");
        assertThat(support.maxAttachmentBytes()).isEqualTo(512 * 1024);
    }

    @Test
    void thePasswordAndTheLoginNeverShowInToString() {
        MailboxConfig mailbox = TenantsFile.parse("test", tenant("""
                - id: sales
                  host: imap.example.com
                  username: leads@acme.co.id
                  password: ${ACME_IMAP_PASSWORD}
                """), ENV).get(0).mailboxes().get(0);

        assertThat(mailbox.toString()).doesNotContain("s3cr&t+pw%").doesNotContain("leads@acme.co.id")
                .contains("password=******");
    }

    @Test
    void everyProblemIsReportedWithWhereItIs() {
        InvalidTenantConfiguration invalid = catchThrowableOfType(InvalidTenantConfiguration.class,
                () -> TenantsFile.parse("test", tenant("""
                        - id: Sales_Box
                          host: "imaps://imap.example.com:993"
                          port: 70000
                          tls: maybe
                          password: plain-but-empty-${EMPTY}
                          poll-delay: soon
                          own-domains: ["not a domain"]
                          max-attachment-size: 2GB
                        - id: dup
                          host: imap.example.com
                          username: a
                          password: ${EMPTY}
                          move-to: inbox
                        - id: nopw
                          host: imap.example.com
                          username: a
                        - id: nopw
                          host: imap.example.com
                          username: a
                          password: ${MISSING_VAR}
                        """), ENV));

        assertThat(invalid.problems()).contains(
                "tenant #1 'acme', mailbox 'Sales_Box': id must be lower-case letters, digits and dashes (got Sales_Box)",
                "tenant #1 'acme', mailbox 'Sales_Box': tls must be true or false (got maybe)",
                "tenant #1 'acme', mailbox 'Sales_Box': host must be a host name or address, without scheme or port (got imaps://imap.example.com:993)",
                "tenant #1 'acme', mailbox 'Sales_Box': port must be a number from 1 to 65535 (got 70000)",
                "tenant #1 'acme', mailbox 'Sales_Box': username is required",
                "tenant #1 'acme', mailbox 'Sales_Box': poll-delay must be a duration such as 30s, 5m or 500ms (got soon)",
                "tenant #1 'acme', mailbox 'Sales_Box': own-domains entries must be domain names such as example.com (got not a domain)",
                "tenant #1 'acme', mailbox 'Sales_Box': max-attachment-size must be a size such as 10MB, 512KB or 1048576 (got 2GB)",
                "tenant #1 'acme', mailbox 'dup': password resolves to an empty value (set its environment variable)",
                "tenant #1 'acme', mailbox 'dup': move-to must differ from the polled folder 'INBOX'",
                "tenant #1 'acme', mailbox 'nopw': password is required (write it as ${ENV_VAR}, never literally)",
                "tenant #1 'acme': Could not resolve placeholder 'MISSING_VAR' in value \"${MISSING_VAR}\"");
        assertThat(invalid.getMessage()).doesNotContain("s3cr&t+pw%");
    }

    @Test
    void anUnknownKeyIsAProblem() {
        InvalidTenantConfiguration invalid = catchThrowableOfType(InvalidTenantConfiguration.class,
                () -> TenantsFile.parse("test", tenant("""
                        - id: sales
                          host: imap.example.com
                          username: a
                          password: x
                          smtp-host: smtp.example.com
                        """), ENV));
        assertThat(invalid.problems()).singleElement().asString().contains("smtp-host");
    }

    @Test
    void aDuplicateMailboxIdIsAProblem() {
        InvalidTenantConfiguration invalid = catchThrowableOfType(InvalidTenantConfiguration.class,
                () -> TenantsFile.parse("test", tenant("""
                        - id: sales
                          host: imap.example.com
                          username: a
                          password: x
                        - id: sales
                          host: imap2.example.com
                          username: b
                          password: y
                        """), ENV));
        assertThat(invalid.problems()).containsExactly("tenant #1 'acme': mailbox 'sales' defined twice");
    }

    @Test
    void theRegistryTellsItsListenersAboutChanges() {
        TenantRegistry registry = new TenantRegistry(List.of());
        int[] calls = {0};
        registry.onChange(() -> calls[0]++);
        Tenant t = Tenant.withForms("x", "X", "ID", "IDR", java.time.ZoneId.of("UTC"), Duration.ofHours(1), Map.of());

        registry.put(t);
        registry.remove("x");
        registry.remove("x");

        assertThat(calls[0]).isEqualTo(2);
        assertThat(registry.find("x")).isEmpty();
    }
}
