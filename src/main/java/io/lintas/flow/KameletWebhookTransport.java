package io.lintas.flow;

import io.lintas.notify.WebhookTransport;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Sends outbound webhook attempts through the {@code webhook-post-action} connector. One route per
 * subscriber URL (a tenant subscribes a handful), never one per event.
 */
public class KameletWebhookTransport implements WebhookTransport {

    private final ConnectorEndpoints endpoints;
    private final long timeoutMillis;

    public KameletWebhookTransport(ConnectorEndpoints endpoints, long timeoutMillis) {
        this.endpoints = endpoints;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Answer post(String url, Map<String, String> headers, String body) throws IOException {
        String uri = "kamelet:webhook-post-action?url=RAW(" + url + ")&responseTimeout=" + timeoutMillis
                + "&connectTimeout=" + Math.min(timeoutMillis, 10_000);
        Exchange answer = endpoints.send(uri, exchange -> {
            exchange.getIn().setBody(body);
            exchange.setProperty("webhookId", headers.get("webhook-id"));
            exchange.setProperty("webhookTimestamp", headers.get("webhook-timestamp"));
            exchange.setProperty("webhookSignature", headers.get("webhook-signature"));
        });
        if (answer.getException() != null) {
            throw new IOException("no answer from the subscriber: " + answer.getException().getMessage(), answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new IOException("no HTTP status in the connector's answer");
        }
        return new Answer(status, answer.getMessage().getHeader("Retry-After", String.class));
    }
}
