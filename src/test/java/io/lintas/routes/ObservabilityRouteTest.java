package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.Circuit;
import io.lintas.connector.Circuits;
import io.lintas.flow.Bitrix24Rest;
import io.lintas.connector.bitrix24.RatePlan;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Health groups, the Prometheus scrape and the lead log lines of the running application, with tenant acme's
 * Bitrix24 portal played by WireMock (the context of {@link WireMockPortal}, shared with the delivery tests).
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityRouteTest extends WireMockPortal {

    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "test-viewer-password";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    LeadLedger ledger;
    @Autowired
    Circuits circuits;
    @Autowired
    ObjectMapper json;

    @Test
    void aLeadsJourneyIsOneLogLinePerStageWithItsIdAndTenantAndIsCountedTimedAndQueued(CapturedOutput output)
            throws Exception {
        WebhookClient client = new WebhookClient(port);
        String digits = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 10_000));
        String phone = "+628129876" + digits;
        String email = "obs.journey" + digits + "@example.co.id";
        String tranid = "obs:" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        String body = "Name=" + enc("Sari Wulandari") + "&Phone=" + enc("+62 812-9876-" + digits) + "&Email=" + enc(email)
                + "&tranid=" + enc(tranid) + "&formid=obs";

        HttpResponse<String> accepted = client.form("/hooks/acme/forms/tilda", body, "X-API-Key", "acme-tilda-key");
        assertThat(accepted.statusCode()).isEqualTo(200);
        String id = await().atMost(Duration.ofSeconds(20))
                .until(() -> ledger.findBySourceEvent("acme", "tilda", tranid), java.util.Optional::isPresent).orElseThrow();
        assertThat(ledger.find(id).orElseThrow().lead().at("/contact/phones/0").asText()).isEqualTo(phone);

        // delivery is stopped in the test profile: the lead waits on lintas.crm, and the gauge sees it
        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), "lintas_queue_depth", "queue=\"lintas.crm\"") >= 1);

        stubBatch(id + "_ol", ok(noMatches(id)));
        stubBatch(id + "_lead", ok(Map.of(id + "_lead", "4242")));
        stubBatch(id + "_tl", ok(Map.of(id + "_tl", "{\"tasks\":[]}")));
        stubBatch(id + "_ta", ok(Map.of(id + "_ta", "{\"task\":{\"id\":\"5151\",\"status\":\"2\"}}")));
        camel.getRouteController().startRoute("deliver-crm");
        camel.getRouteController().startRoute("deliver-crm-tasks");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(id).orElseThrow().journey().stream()
                    .anyMatch(e -> e.status().equals(LeadStatus.TASK_CREATED)));
        } finally {
            IdleStop.stop(camel, "deliver-crm", "deliver-crm-tasks");
        }

        for (String stage : List.of("RECEIVED", "NORMALISED", "QUEUED_CRM", "IN_CRM", "TASK_CREATED")) {
            assertThat(linesOf(output, "lead " + id + " tenant=acme stage=" + stage + " ")).as(stage).hasSize(1);
        }
        assertThat(linesOf(output, "lead " + id + " tenant=acme stage=IN_CRM ")).singleElement().asString()
                .contains("Bitrix24 lead 4242 created");
        // the logback safety net: a careless line with the phone and email comes out masked on the real console
        org.slf4j.LoggerFactory.getLogger(ObservabilityRouteTest.class).info("careless line: {} {}", phone, email);
        assertThat(linesOf(output, "careless line: ")).singleElement().asString()
                .endsWith("careless line: ***" + digits.substring(1) + " ***@example.co.id");
        assertThat(output.getAll()).doesNotContain(phone).doesNotContain(phone.substring(1)).doesNotContain(email)
                .doesNotContain("812-9876-" + digits);

        String metrics = scrape();
        assertThat(value(metrics, "lintas_leads_received_total", "channel=\"FORM\"", "tenant=\"acme\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_leads_normalised_total", "channel=\"FORM\"", "tenant=\"acme\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_leads_recorded_total", "outcome=\"new\"", "tenant=\"acme\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_leads_delivered_total", "connector=\"bitrix24\"", "tenant=\"acme\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_lead_delivery_latency_seconds_count", "tenant=\"acme\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_lead_delivery_latency_seconds_bucket", "tenant=\"acme\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_lead_delivery_latency_seconds_bucket", "tenant=\"acme\"", "le=\"60.0\""))
                .as("delivered within the minute").isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "lintas_connector_calls_seconds_count", "connector=\"bitrix24-rest-action\"",
                "outcome=\"ok\"", "tenant=\"acme\"")).isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "lintas_queue_depth", "queue=\"lintas.dlq.crm\"")).isGreaterThanOrEqualTo(0);
        assertThat(metrics).contains("routeId=\"lead-pipeline\"");
    }

    @Test
    void livenessIsTheAppAloneAndReadinessCoversTheDatabaseTheBrokerAndTheCircuitsButNoKafkaWhenNoneIsConfigured()
            throws Exception {
        WebhookClient client = new WebhookClient(port);

        HttpResponse<String> anonymous = client.get("/actuator/health/liveness", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json.readTree(anonymous.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json.readTree(anonymous.body()).has("components")).as("no details for anonymous probes").isFalse();

        JsonNode liveness = json.readTree(client.get("/actuator/health/liveness", ADMIN, ADMIN_PASSWORD).body());
        assertThat(names(liveness.path("components"))).containsExactlyInAnyOrder("livenessState", "ping");

        HttpResponse<String> readiness = client.get("/actuator/health/readiness", VIEWER, VIEWER_PASSWORD);
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(readiness.body()).path("components");
        assertThat(names(components)).containsExactlyInAnyOrder("readinessState", "db", "jms", "connectors");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jms").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("connectors").path("details").has("circuits")).isTrue();
    }

    @Test
    void aFailingConnectorOpensItsTenantsCircuitWhichReadinessReportsWhileStayingUp() throws Exception {
        String path = "/rest/1/obs-down-portal";
        BITRIX24.stubFor(post(urlEqualTo(path + "/crm.status.list.json"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>busy</html>")));
        MDC.put("tenant", "rusco"); // as LeadMdc puts it while a route works on one of rusco's messages
        try {
            for (int i = 0; i < 5; i++) {
                var answer = producer.send("kamelet:bitrix24-rest-action?noErrorHandler=true&webhookUrl=RAW(http://127.0.0.1:"
                        + BITRIX24.port() + path + ")&method=crm.status.list", exchange -> {
                            exchange.setProperty(Bitrix24Rest.PARAMS, Map.of("filter", Map.of("ENTITY_ID", "SOURCE")));
                            exchange.setProperty(Bitrix24Rest.PORTAL, "obs-down-portal.bitrix24.com");
                            exchange.setProperty(Bitrix24Rest.RATE_PLAN, RatePlan.STANDARD);
                            exchange.setProperty(Bitrix24Rest.PERMIT_TAKEN, true);
                        });
                assertThat(answer.getException()).isNotNull();
            }
        } finally {
            MDC.remove("tenant");
        }

        assertThat(circuits.of("rusco", "bitrix24-rest-action").state()).isEqualTo(Circuit.State.OPEN);
        WebhookClient client = new WebhookClient(port);
        HttpResponse<String> readiness = client.get("/actuator/health/readiness", ADMIN, ADMIN_PASSWORD);
        assertThat(readiness.statusCode()).as("a connector outage keeps the hub in rotation").isEqualTo(200);
        JsonNode connectors = json.readTree(readiness.body()).path("components").path("connectors");
        assertThat(connectors.path("status").asText()).isEqualTo("UP");
        assertThat(connectors.path("details").path("open").toString()).contains("rusco/bitrix24-rest-action");
        JsonNode circuit = connectors.path("details").path("circuits").path("rusco/bitrix24-rest-action");
        assertThat(circuit.path("state").asText()).isEqualTo("OPEN");
        assertThat(circuit.path("consecutiveFailures").asInt()).isEqualTo(5);
        assertThat(circuit.path("lastFailure").asText()).contains("503");
        assertThat(value(scrape(), "lintas_connector_circuit_state", "connector=\"bitrix24-rest-action\"", "tenant=\"rusco\""))
                .isEqualTo(Circuit.State.OPEN.ordinal());
    }

    @Test
    void metricsNeedALoginAndAViewerMayReadThem() {
        WebhookClient client = new WebhookClient(port);
        assertThat(client.get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/prometheus", VIEWER, "wrong").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/prometheus", VIEWER, VIEWER_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/metrics", VIEWER, VIEWER_PASSWORD).statusCode()).as("the rest of actuator stays ADMIN's")
                .isEqualTo(403);
    }

    private String scrape() {
        HttpResponse<String> response = new WebhookClient(port).get("/actuator/prometheus", VIEWER, VIEWER_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}; -1 if none. */
    private static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            String found = m.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    private static List<String> linesOf(CapturedOutput output, String text) {
        return output.getAll().lines().filter(line -> line.contains(text)).toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> noMatches(String id) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String suffix : List.of("ol", "od", "cp", "ce", "lp", "le", "op", "oe")) {
            results.put(id + "_" + suffix, "[]");
        }
        return results;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
