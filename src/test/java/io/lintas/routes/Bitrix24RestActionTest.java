package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.RatePlan;
import io.lintas.flow.Bitrix24Rest;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * connectors/bitrix24-rest-action.kamelet.yaml on its own, called the way issue-4 flows will call it:
 * with parameters, a method and a batch, against WireMock answering as the contract sheet says.
 */
class Bitrix24RestActionTest extends WireMockPortal {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    ObjectMapper json;

    @Test
    void aLookupThenCreateChainGoesOutAsOneBatchAndItsErrorsAreRead() throws Exception {
        Bitrix24Batch batch = Bitrix24Batch.halting()
                .add("find", "crm.duplicate.findbycomm", Map.of("entity_type", "CONTACT", "type", "PHONE",
                        "values", List.of("+6281234567890")))
                .add("lead", "crm.lead.add", Map.of("fields", Map.of("TITLE", "Budi & Co",
                        "CONTACT_ID", Bitrix24Batch.ref("find", "CONTACT", "0"))));
        String expected = json.writeValueAsString(batch.params());
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/batch.json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(expected))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"result":{"result":{"find":[]},"result_error":{"lead":{"error":"","error_description":"Contact not found"}},
                         "result_total":[],"result_next":[],"result_time":[]},
                         "time":{"start":1705764932.99,"finish":1705764933.17,"duration":0.18,"processing":0.1}}""")));

        Exchange answer = call("batch", batch);

        assertThat(answer.getException()).isNull();
        Bitrix24Batch.Result result = Bitrix24Batch.read(json.readTree(answer.getMessage().getBody(String.class)));
        assertThat(result.results().get("find").isEmpty()).isTrue();
        assertThat(result.failedKeys()).containsExactly("lead");
        assertThat(result.errors().get("lead").description()).isEqualTo("Contact not found");
        BITRIX24.verify(postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/batch.json"))
                .withRequestBody(equalToJson(expected)));
    }

    @Test
    void anOverloadedPortalsHtmlIsATransientFailureAndItIsNotRetriedBehindTheLimitersBack() {
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.status.list.json"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Service Temporarily Unavailable</body></html>")));

        Exchange answer = call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE")));

        assertThat(answer.getException()).isInstanceOfSatisfying(Bitrix24Failure.Transient.class,
                failure -> assertThat(failure.description()).isEqualTo("answer is not JSON (HTTP 503)"));
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.status.list.json"))
                .withRequestBody(equalToJson("{\"filter\":{\"ENTITY_ID\":\"SOURCE\"}}")));
    }

    @Test
    void aMethodTheWebhookMayNotCallIsPermanent() {
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/tasks.task.add.json"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher privileges than provided by the webhook token\"}")));

        Exchange answer = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Call back", "RESPONSIBLE_ID", 1)));

        assertThat(answer.getException()).isInstanceOfSatisfying(Bitrix24Failure.Permanent.class,
                failure -> assertThat(failure.error()).isEqualTo("insufficient_scope"));
    }

    /** Parameters given on the endpoint, as a flow with a fixed method would; the limiter's inputs as properties. */
    private Exchange call(String method, Object params) {
        return producer.send("kamelet:bitrix24-rest-action?noErrorHandler=true&webhookUrl=RAW(" + webhookUrl()
                + ")&method=" + method, exchange -> {
                    exchange.setProperty(Bitrix24Rest.PARAMS, params);
                    exchange.setProperty(Bitrix24Rest.PORTAL, "connector-test.bitrix24.com");
                    exchange.setProperty(Bitrix24Rest.RATE_PLAN, RatePlan.STANDARD);
                });
    }
}
