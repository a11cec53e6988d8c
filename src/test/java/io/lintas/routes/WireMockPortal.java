package io.lintas.routes;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with tenant acme's Bitrix24 portal (and tenant rusco's Jira site) played by WireMock on loopback. Test classes
 * that extend it share one Spring context and one stub server.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class WireMockPortal {

    static final String WEBHOOK_PATH = "/rest/1/acme-webhook-code";
    static final String BATCH = WEBHOOK_PATH + "/batch.json";
    /** Started once for the JVM; its port is in the tenant's webhook URL, so it outlives each class. */
    static final WireMockServer BITRIX24 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        BITRIX24.start();
        Runtime.getRuntime().addShutdownHook(new Thread(BITRIX24::stop));
    }

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry registry) {
        registry.add("lintas.test.bitrix24-url", () -> "http://127.0.0.1:" + BITRIX24.port() + WEBHOOK_PATH + "/");
        registry.add("lintas.test.jira-url", () -> "http://127.0.0.1:" + BITRIX24.port());
        registry.add("lintas.test.lead-webhook-url", () -> "http://127.0.0.1:" + BITRIX24.port() + "/lintas/leads");
    }

    static String webhookUrl() {
        return "http://127.0.0.1:" + BITRIX24.port() + WEBHOOK_PATH;
    }

    /** A batch answer as the contract shows it: HTTP 200, result.result by key, no errors. */
    static ResponseDefinitionBuilder ok(Map<String, String> results) {
        StringBuilder byKey = new StringBuilder();
        results.forEach((k, v) -> byKey.append(byKey.isEmpty() ? "" : ",").append('"').append(k).append("\":").append(v));
        return json("{\"result\":{\"result\":{" + byKey + "},\"result_error\":[],\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":[]},\"time\":{\"start\":1705764932.99,\"finish\":1705764933.17,\"duration\":0.18}}");
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Answers every batch call whose body names {@code key} (a lead's or an invoice's command prefix). */
    static void stubBatch(String key, ResponseDefinitionBuilder answer) {
        BITRIX24.stubFor(post(urlEqualTo(BATCH)).withRequestBody(containing(key)).willReturn(answer));
    }
}
