package io.lintas.routes;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
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
}
