package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.RatePlan;
import io.lintas.flow.Bitrix24Rest;
import io.lintas.sandbox.SandboxServer;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as the dev profile runs it: sandbox on, the bundled tenants.yaml. The sandbox's
 * URLs are properties before the tenants are read, so the demo tenant's Bitrix24 webhook is the
 * sandbox portal, and the hub's own connector talks to it.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lintas.sandbox.enabled=true", "lintas.tenants.file=classpath:tenants.yaml"})
@ActiveProfiles("test")
class SandboxOnTest {

    @Autowired
    Environment environment;
    @Autowired
    SandboxServer sandbox;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ObjectMapper json;

    @Test
    void theSandboxUrlsAreResolvablePropertiesAndTheDemoTenantUsesThem() {
        assertThat(sandbox.isRunning()).isTrue();
        String bitrix24 = environment.getProperty("lintas.sandbox.bitrix24-url");
        assertThat(bitrix24).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/rest/1/sandboxtoken/");
        assertThat(environment.getProperty("lintas.sandbox.jira-url")).isEqualTo("http://127.0.0.1:" + sandbox.port());
        assertThat(environment.resolveRequiredPlaceholders("${lintas.sandbox.jira-url:https://x.atlassian.net}"))
                .isEqualTo(sandbox.jiraUrl());

        Tenant demo = tenants.find("demo").orElseThrow();
        assertThat(demo.bitrix24().webhookUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/rest/1/sandboxtoken");
        // billing, SMS and mail of the demo tenant: the sandbox stand-ins
        assertThat(environment.getProperty("lintas.sandbox.xendit-url")).isEqualTo(sandbox.baseUrl() + "/xendit");
        assertThat(demo.billing().baseUrl()).isEqualTo(sandbox.baseUrl() + "/xendit");
        assertThat(environment.getProperty("lintas.sandbox.midtrans-url")).isEqualTo(sandbox.baseUrl() + "/midtrans");
        assertThat(environment.getProperty("lintas.sandbox.stripe-url")).isEqualTo(sandbox.baseUrl() + "/stripe");
        assertThat(environment.getProperty("lintas.sandbox.twilio-url")).isEqualTo(sandbox.baseUrl() + "/twilio");
        assertThat(demo.notifications().sms().twilio().baseUrl()).isEqualTo(sandbox.baseUrl() + "/twilio");
        assertThat(environment.getProperty("lintas.sandbox.smtp-port", Integer.class)).isEqualTo(sandbox.mail().port());
        assertThat(demo.notifications().email().smtp().host()).isEqualTo("127.0.0.1");
        assertThat(demo.notifications().email().smtp().port()).isEqualTo(sandbox.mail().port());
    }

    @Test
    void theHubsBitrix24ConnectorRunsALookupThenCreateBatchOnTheSandbox() throws Exception {
        Tenant demo = tenants.find("demo").orElseThrow();
        Bitrix24Batch chain = Bitrix24Batch.halting()
                .add("find", "crm.duplicate.findbycomm", Map.of("type", "PHONE", "values", List.of("+6281234500001")))
                .add("lead", "crm.lead.add", Map.of("fields", Map.of("TITLE", "Sandbox run", "ORIGINATOR_ID", "lintas",
                        "ORIGIN_ID", "01HSANDBOXSPRING000000001",
                        "PHONE", List.of(Map.of("VALUE", "+6281234500001", "VALUE_TYPE", "MOBILE")))))
                .add("task", "tasks.task.add", Map.of("fields", Map.of("TITLE", "Call back", "RESPONSIBLE_ID", 1,
                        "UF_CRM_TASK", List.of("L_" + Bitrix24Batch.ref("lead")))));

        Exchange answer = call(demo, "batch", chain);

        assertThat(answer.getException()).isNull();
        Bitrix24Batch.Result result = Bitrix24Batch.read(json.readTree(answer.getMessage().getBody(String.class)));
        assertThat(result.failed()).as(String.valueOf(result.errors())).isFalse();
        assertThat(result.results().get("find").isEmpty()).isTrue();
        long lead = result.results().get("lead").asLong();
        assertThat(result.results().get("task").path("task").path("id").asText()).isNotBlank();

        Exchange listed = call(demo, "crm.lead.list", Map.of("filter", Map.of("ORIGIN_ID", "01HSANDBOXSPRING000000001"),
                "select", List.of("ID", "ORIGIN_ID")));
        assertThat(listed.getException()).isNull();
        JsonNode found = json.readTree(listed.getMessage().getBody(String.class));
        assertThat(found.toString()).contains("\"ID\":\"" + lead + "\"");
        assertThat(sandbox.bitrix24().stats().leads()).isEqualTo(1);
    }

    private Exchange call(Tenant tenant, String method, Object params) {
        return producer.send("kamelet:bitrix24-rest-action?noErrorHandler=true", exchange -> {
            exchange.setProperty(Bitrix24Rest.PARAMS, params);
            exchange.setProperty("bitrix24WebhookUrl", tenant.bitrix24().webhookUrl());
            exchange.setProperty("bitrix24Method", method);
            exchange.setProperty(Bitrix24Rest.PORTAL, tenant.bitrix24().portalKey());
            exchange.setProperty(Bitrix24Rest.RATE_PLAN, RatePlan.STANDARD);
        });
    }
}
