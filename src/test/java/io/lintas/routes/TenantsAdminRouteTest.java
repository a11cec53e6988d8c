package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.admin.ManagedTenants;
import io.lintas.tenant.InvalidTenantConfiguration;
import io.lintas.tenant.SecretCipher;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * /api/tenants: a tenant posted through the API takes leads at once, a changed token locks the
 * old one out, secrets are never shown and are stored encrypted, the file's tenants are read-only,
 * every problem of an invalid tenant is listed, and another instance's change arrives on refresh.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TenantsAdminRouteTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final String LEAD = "name=Sari&phone=0812-5555-1234";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagedTenants managedTenants;
    @Autowired
    TenantRegistry registry;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    @Test
    void aTenantPostedThroughTheApiTakesLeadsAtOnceAndAChangedTokenLocksTheOldOneOut() throws Exception {
        HttpResponse<String> created = client.postAsUser("/api/tenants", shop("api-shop", "first-secret-token-1"), ADMIN, ADMIN_PASSWORD);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/tenants/api-shop");
        assertThat(created.body()).doesNotContain("first-secret-token-1");
        assertThat(json.readTree(created.body()).at("/tenant/forms/0/token").asText()).isEqualTo("***");
        assertThat(client.form("/hooks/api-shop/forms/contact?token=first-secret-token-1", LEAD)
                .statusCode()).isEqualTo(200);
        String row = jdbc.queryForObject("SELECT config FROM managed_tenant WHERE id = 'api-shop'", String.class);
        assertThat(row).doesNotContain("first-secret-token-1").contains("\"token\":\"enc:v1:");

        HttpResponse<String> changed = put("/api/tenants/api-shop", shop("api-shop", "second-secret-token-2"), ADMIN, ADMIN_PASSWORD);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("version").asInt()).isEqualTo(2);
        assertThat(client.form("/hooks/api-shop/forms/contact?token=first-secret-token-1", LEAD)
                .statusCode()).isEqualTo(401);
        assertThat(client.form("/hooks/api-shop/forms/contact?token=second-secret-token-2", LEAD)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> one = client.get("/api/tenants/api-shop", "viewer", "test-viewer-password");
        HttpResponse<String> all = client.get("/api/tenants", "viewer", "test-viewer-password");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(all.statusCode()).isEqualTo(200);
        for (String body : List.of(one.body(), all.body())) {
            assertThat(body).doesNotContain("second-secret-token-2").doesNotContain("first-secret-token-1")
                    .doesNotContain("enc:v1:").doesNotContain("acme-form-token");
        }
        assertThat(json.readTree(one.body()).path("source").asText()).isEqualTo("api");
        assertThat(json.readTree(one.body()).path("updatedBy").asText()).isEqualTo("admin");
    }

    @Test
    void aChangeThatLeavesASecretOutKeepsTheStoredOne() throws Exception {
        assertThat(client.postAsUser("/api/tenants", shop("api-keep", "kept-secret-token-3"), ADMIN, ADMIN_PASSWORD)
                .statusCode()).isEqualTo(201);
        ObjectNode withoutToken = (ObjectNode) json.readTree(shop("api-keep", "x"));
        ((ObjectNode) withoutToken.at("/forms/0")).remove("token");
        withoutToken.put("name", "Renamed Shop");

        HttpResponse<String> changed = put("/api/tenants/api-keep", withoutToken.toString(), ADMIN, ADMIN_PASSWORD);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).at("/tenant/name").asText()).isEqualTo("Renamed Shop");
        assertThat(client.form("/hooks/api-keep/forms/contact?token=kept-secret-token-3", LEAD)
                .statusCode()).isEqualTo(200);
        // what GET shows ("***") sent back also keeps it: GET, edit, PUT round-trips
        JsonNode shown = json.readTree(client.get("/api/tenants/api-keep", ADMIN, ADMIN_PASSWORD).body()).path("tenant");
        assertThat(put("/api/tenants/api-keep", shown.toString(), ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(client.form("/hooks/api-keep/forms/contact?token=kept-secret-token-3", LEAD)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidTenantIs422WithEveryProblemListed() throws Exception {
        String invalid = """
                {"id":"api-broken","name":"Broken","region":"XX","currency":"EURO","time-zone":"Asia/Jakarta",
                 "forms":[{"id":"contact","kind":"carrier-pigeon"}],"colour":"red"}""";

        HttpResponse<String> response = client.postAsUser("/api/tenants", invalid, ADMIN, ADMIN_PASSWORD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("colour");
        HttpResponse<String> known = client.postAsUser("/api/tenants", invalid.replace(",\"colour\":\"red\"", ""), ADMIN, ADMIN_PASSWORD);
        assertThat(known.statusCode()).isEqualTo(422);
        JsonNode problems = json.readTree(known.body()).path("problems");
        assertThat(problems.toString()).contains("region").contains("currency").contains("kind must be one of");
        assertThat(problems.size()).isGreaterThanOrEqualTo(3);
        assertThat(registry.find("api-broken")).isEmpty();
        assertThat(client.postAsUser("/api/tenants", shop("Bad_Id", "some-token-value"), ADMIN, ADMIN_PASSWORD).statusCode())
                .isEqualTo(422);
        assertThat(client.postAsUser("/api/tenants", shop("a".repeat(41), "some-token-value"), ADMIN, ADMIN_PASSWORD).statusCode())
                .isEqualTo(422);
        assertThat(client.postAsUser("/api/tenants", "[1,2]", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(422);
    }

    @Test
    void theFileTenantsAreReadOnlyAndTheirSecretsHidden() throws Exception {
        assertThat(client.postAsUser("/api/tenants", shop("acme", "stolen-token-value"), ADMIN, ADMIN_PASSWORD).statusCode())
                .isEqualTo(409);
        assertThat(put("/api/tenants/acme", shop("acme", "stolen-token-value"), ADMIN, ADMIN_PASSWORD).statusCode())
                .isEqualTo(409);
        HttpResponse<String> acme = client.get("/api/tenants/acme", "viewer", "test-viewer-password");
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(json.readTree(acme.body()).path("source").asText()).isEqualTo("file");
        assertThat(json.readTree(acme.body()).at("/tenant/forms/0/token").asText()).isEqualTo("***");
        assertThat(acme.body()).doesNotContain("acme-form-token").doesNotContain("acme-api-key-0001-test")
                .doesNotContain("jvh9y1ulvt2m6k5or90v9mg8nn32ozas");
        assertThat(put("/api/tenants/nobody-here", shop("nobody-here", "t0ken-value"), ADMIN, ADMIN_PASSWORD).statusCode())
                .isEqualTo(404);
        assertThat(client.get("/api/tenants/nobody-here", ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void theViewerReadsButDoesNotWriteAndStrangersGetNothing() {
        assertThat(client.postAsUser("/api/tenants", shop("api-viewer", "viewer-token-value"), "viewer", "test-viewer-password")
                .statusCode()).isEqualTo(403);
        assertThat(put("/api/tenants/api-viewer", shop("api-viewer", "viewer-token-value"), "viewer", "test-viewer-password")
                .statusCode()).isEqualTo(403);
        assertThat(client.get("/api/tenants", null, null).statusCode()).isEqualTo(401);
        assertThat(client.postAsUser("/api/tenants", shop("api-viewer", "viewer-token-value"), null, null).statusCode())
                .isEqualTo(401);
        assertThat(registry.find("api-viewer")).isEmpty();
    }

    @Test
    void aTenantAddedByAnotherInstanceIsServedAfterTheNextRefresh() throws Exception {
        ManagedTenants otherInstance = new ManagedTenants(jdbc, new TenantRegistry(List.of()), testCipher(),
                id -> Optional.empty(), json, Clock.systemUTC());
        otherInstance.start();

        otherInstance.create(json.readTree(shop("api-elsewhere", "elsewhere-token-4")), "admin");

        managedTenants.refresh(); // what the tenants-managed-reload route does every reload interval
        assertThat(registry.find("api-elsewhere")).isPresent();
        assertThat(client.form("/hooks/api-elsewhere/forms/contact?token=elsewhere-token-4", LEAD)
                .statusCode()).isEqualTo(200);
        assertThat(managedTenants.refresh()).as("nothing changed since").isFalse();
    }

    @Test
    void aWrongKeyAtStartNamesTheTenantAndNoKeyRefusesSecretsOnly() throws Exception {
        assertThat(client.postAsUser("/api/tenants", shop("api-locked", "locked-token-5"), ADMIN, ADMIN_PASSWORD)
                .statusCode()).isEqualTo(201);
        byte[] otherKey = new byte[32];
        ManagedTenants wrongKey = new ManagedTenants(jdbc, new TenantRegistry(List.of()),
                SecretCipher.fromBase64(Base64.getEncoder().encodeToString(otherKey)), id -> Optional.empty(), json,
                Clock.systemUTC());

        assertThatThrownBy(wrongKey::start).isInstanceOf(InvalidTenantConfiguration.class)
                .hasMessageContaining("tenant 'api-locked'").hasMessageContaining("/forms/contact/token")
                .hasMessageContaining("LINTAS_SECRETS_KEY").hasMessageNotContaining("locked-token-5");

        ManagedTenants noKey = new ManagedTenants(jdbc, new TenantRegistry(List.of()), null, id -> Optional.empty(), json,
                Clock.systemUTC());
        assertThatThrownBy(() -> noKey.create(json.readTree(shop("api-nokey", "nokey-token-6")), "admin"))
                .isInstanceOf(ManagedTenants.Refused.class).hasMessageContaining("LINTAS_SECRETS_KEY is not set");
        ObjectNode withoutSecrets = (ObjectNode) json.readTree(shop("api-nokey", "x"));
        ((ObjectNode) withoutSecrets.at("/forms/0")).put("kind", "tilda").remove("token");
        assertThat(noKey.create(withoutSecrets, "admin").id()).isEqualTo("api-nokey");
    }

    @Test
    void noSecretOfAnApiTenantIsInAnyMBeanTheConsoleShows() throws Exception {
        ObjectNode withMailbox = (ObjectNode) json.readTree(shop("api-jmx", "jmx-form-token-8"));
        withMailbox.putArray("mailboxes").addObject().put("id", "inbox").put("host", "127.0.0.1").put("port", "1")
                .put("tls", "false").put("username", "sales").put("password", "jmx-mailbox-password-9").put("poll-delay", "24h");
        assertThat(client.postAsUser("/api/tenants", withMailbox.toString(), ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        try {
            assertThat(registry.find("api-jmx")).isPresent();
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            int read = 0;
            for (javax.management.ObjectName name : server.queryNames(null, null)) {
                for (javax.management.MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    Object value;
                    try {
                        value = server.getAttribute(name, attribute.getName());
                    } catch (Exception | LinkageError unreadable) {
                        continue;
                    }
                    read++;
                    String text = value instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(value);
                    assertThat(text).as(name + " " + attribute.getName())
                            .doesNotContain("jmx-form-token-8").doesNotContain("jmx-mailbox-password-9");
                }
            }
            assertThat(read).as("MBean attributes read").isGreaterThan(100);
        } finally {
            ObjectNode withoutMailbox = (ObjectNode) json.readTree(shop("api-jmx", "jmx-form-token-8"));
            assertThat(put("/api/tenants/api-jmx", withoutMailbox.toString(), ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    private static SecretCipher testCipher() {
        return SecretCipher.fromBase64("dGVzdC1vbmx5LWxpbnRhcy1zZWNyZXRzLWtleS0zMmI=");
    }

    private static String shop(String id, String token) {
        return """
                {"id":"%s","name":"API Shop","region":"ID","currency":"IDR","time-zone":"Asia/Jakarta",
                 "dedupe-window":"1h","forms":[{"id":"contact","kind":"html","token":"%s"}]}""".formatted(id, token);
    }

    private HttpResponse<String> put(String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
