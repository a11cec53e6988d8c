package io.lintas.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The admin API: who may call it, and paging through the ledger. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper json;

    @Test
    void nothingIsReadableWithoutCredentials() throws Exception {
        assertThat(send("GET", "/api/leads", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/dlq", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/leads", "admin:wrong-password", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/dlq/intake/replay", null, "{}").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButCannotReplay() throws Exception {
        assertThat(send("GET", "/api/dlq", "viewer:test-viewer-password", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/dlq/intake/replay", "viewer:test-viewer-password", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health/readiness", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void leadsArePagedNewestFirstAndFilteredByTenantStatusAndTime() throws Exception {
        Instant since = Instant.now();
        NotifyBuilder processed = new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(3).create();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send("POST", "/hooks/rusco/forms/contact?token=rusco-form-token", null,
                    "{\"name\":\"Olga\",\"email\":\"olga" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.ru\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            posted.add(json.readTree(response.body()).path("leadId").asText());
        }
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();

        String query = "/api/leads?tenant=rusco&status=QUEUED_CRM&limit=2&since=" + since;
        JsonNode first = json.readTree(send("GET", query, "admin:test-admin-password", null).body());
        JsonNode second = json.readTree(send("GET", query + "&before=" + first.path("next").asText(),
                "admin:test-admin-password", null).body());

        List<String> seen = new ArrayList<>();
        first.path("leads").forEach(lead -> seen.add(lead.path("id").asText()));
        second.path("leads").forEach(lead -> seen.add(lead.path("id").asText()));
        assertThat(seen).containsExactly(posted.get(2), posted.get(1), posted.get(0));
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(send("GET", "/api/leads?limit=0", "admin:test-admin-password", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/leads?since=yesterday", "admin:test-admin-password", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/leads/NOSUCHLEAD", "admin:test-admin-password", null).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String credentials, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
