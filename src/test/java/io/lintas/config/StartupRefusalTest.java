package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.LintasApplication;
import io.lintas.tenant.SecretCipher;
import io.lintas.tenant.TenantDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The application refuses to start on an invalid tenant configuration and says why, in Spring
 * Boot's "APPLICATION FAILED TO START" report (tenant, key, problem), not as a bare stack trace:
 * for the tenants file, and for an API-managed tenant whose secrets the configured key does not open.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

    @Test
    void aBrokenTenantsFileStopsTheStartNamingTheTenantTheKeyAndTheProblem(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Path tenants = dir.resolve("tenants.yaml");
        Files.writeString(tenants, """
                tenants:
                  - id: broken-shop
                    name: Broken Shop
                    region: XX
                    currency: IDR
                    time-zone: Asia/Jakarta
                    forms:
                      - id: contact
                        kind: html
                """);

        assertThatThrownBy(() -> start("--lintas.tenants.file=file:" + tenants)).isNotNull();

        String log = output.getAll();
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("Invalid tenant configuration in file:").contains(tenants.getFileName().toString())   // long digit runs of the temp path are masked in logs
                .contains("tenant #1 'broken-shop': region must be an ISO 3166 country code")
                .contains("(got XX)")
                .contains("tenant #1 'broken-shop', form 'contact': an html form needs a token")
                .contains("Action:").contains("LINTAS_TENANTS_FILE");
        assertThat(log).as("the report, not a stack trace").doesNotContain("\tat org.springframework.beans");
    }

    @Test
    void anApiTenantWhoseSecretsTheKeyDoesNotOpenStopsTheStartNamingTheTenant(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:refusal-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        DriverManagerDataSource db = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        ObjectMapper json = new ObjectMapper();
        ObjectNode shop = (ObjectNode) json.readTree("""
                {"id":"keyed-shop","name":"Keyed Shop","region":"ID","currency":"IDR","time-zone":"Asia/Jakarta",
                 "forms":[{"id":"contact","kind":"html","token":"keyed-shop-token"}]}""");
        SecretCipher storedWith = SecretCipher.fromBase64("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
        Timestamp now = Timestamp.from(Instant.now());
        new JdbcTemplate(db).update("INSERT INTO managed_tenant (id, config, version, created_at, created_by, updated_at,"
                + " updated_by) VALUES (?, ?, 1, ?, 'admin', ?, 'admin')", "keyed-shop",
                TenantDocument.encrypted(shop, "keyed-shop", storedWith).toString(), now, now);

        assertThatThrownBy(() -> start("--spring.datasource.url=" + url, "--spring.datasource.username=sa")).isNotNull();

        String log = output.getAll();
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("tenant 'keyed-shop': secret /forms/contact/token cannot be decrypted with LINTAS_SECRETS_KEY")
                .doesNotContain("keyed-shop-token");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(LintasApplication.class).profiles("test").run(args).close();
    }
}
