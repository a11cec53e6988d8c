package io.lintas.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.flow.MailboxRoutes;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 1,000 tenants load, and the application's routes do not grow with them: flows are shared, a
 * tenant is data. (Only a tenant's IMAP mailboxes are routes of their own, one per mailbox; these
 * tenants have none.) Figures for start time and memory: bench/tenants-scale.sh.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class TenantsScaleTest {

    static final int TENANTS = 1_000;

    @Autowired
    CamelContext camel;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    MailboxRoutes mailboxes;

    @DynamicPropertySource
    static void thousandTenants(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createDirectories(Path.of("target", "tenants-scale-test")).resolve("tenants.yaml");
        Files.writeString(file, yaml(TENANTS));
        registry.add("lintas.tenants.file", () -> "file:" + file.toAbsolutePath());
    }

    @Test
    void aThousandTenantsShareTheSameRoutes() {
        assertThat(tenants.all()).hasSize(TENANTS);
        assertThat(tenants.find("t0999")).map(t -> t.forms().size()).contains(2);
        List<String> routeIds = camel.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(routeIds).noneMatch(id -> id.matches(".*t\\d{4}.*")).doesNotHaveDuplicates();
        assertThat(mailboxes.runningRoutes()).isEmpty();
        int withAThousand = routeIds.size();

        List<Tenant> all = List.copyOf(tenants.all());
        tenants.replaceAll(all.subList(0, 1));

        assertThat(tenants.all()).hasSize(1);
        assertThat(camel.getRoutes()).as("one tenant: the same routes").hasSize(withAThousand);
        tenants.replaceAll(all);
        assertThat(camel.getRoutes()).hasSize(withAThousand);
    }

    static String yaml(int count) {
        StringBuilder out = new StringBuilder("tenants:\n");
        for (int i = 1; i <= count; i++) {
            String id = "t%04d".formatted(i);
            out.append("""
                      - id: %1$s
                        name: Tenant %2$d
                        region: ID
                        currency: IDR
                        time-zone: Asia/Jakarta
                        forms:
                          - id: contact
                            kind: html
                            token: %1$s-form-token
                          - id: tilda
                            kind: tilda
                            api-key: %1$s-tilda-key
                        api:
                          keys: [%1$s-api-key-0001-test]
                        bitrix24:
                          webhook-url: https://%1$s.bitrix24.example/rest/1/%1$s-webhook-code/
                          domain: %1$s.bitrix24.example
                          member-id: m%1$s
                          application-token: %1$s-application-token
                        crm:
                          system: bitrix24
                          responsible: "1"
                    """.formatted(id, i));
        }
        return out.toString();
    }
}
