package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator edits the tenants file of a running hub: the new tenant's form opens, a removed one
 * closes (a broken edit is refused as a whole: TenantsReloadTest).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class TenantsReloadRouteTest {

    private static final Path FILE = Path.of("target", "test-data", "tenants-reload-" + System.nanoTime() + ".yaml");

    private static String tenant(String id, String token) {
        return "  - id: " + id + "\n    name: " + id + "\n    region: ID\n    currency: IDR\n    time-zone: Asia/Jakarta\n"
                + "    forms:\n      - id: contact\n        kind: html\n        token: " + token + "\n";
    }

    @DynamicPropertySource
    static void tenantsOnDisk(DynamicPropertyRegistry registry) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, "tenants:\n" + tenant("acme", "acme-token-1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("lintas.tenants.file", () -> "file:" + FILE.toAbsolutePath());
        registry.add("lintas.tenants.reload-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Test
    void anEditedTenantsFileAppliesWithoutARestart() throws IOException {
        WebhookClient client = new WebhookClient(port);
        String lead = "name=Budi&phone=081234567890";
        assertThat(client.form("/hooks/newco/forms/contact?token=newco-token-1", lead).statusCode()).isEqualTo(404);

        Files.writeString(FILE, "tenants:\n" + tenant("newco", "newco-token-1"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.form("/hooks/newco/forms/contact?token=newco-token-1", lead).statusCode()).isEqualTo(200));
        assertThat(client.form("/hooks/acme/forms/contact?token=acme-token-1", lead).statusCode())
                .as("acme was removed from the file").isEqualTo(404);
    }
}
