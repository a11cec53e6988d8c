package io.lintas.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.PortalBatcher;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * Sends the batcher's {@code batch} calls through the {@code bitrix24-rest-action} connector. The
 * batcher has already taken the limiter's place, so the connector does not wait again; a 503 or
 * 429 still slows the portal's limiter down in the connector.
 */
public class Bitrix24KameletBatches implements PortalBatcher.BatchSender {

    static final String URI = "kamelet:bitrix24-rest-action?noErrorHandler=true&method=batch";

    private final ConnectorEndpoints endpoints;
    private final ObjectMapper json;

    public Bitrix24KameletBatches(ConnectorEndpoints endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    @Override
    public JsonNode send(PortalBatcher.Portal portal, Bitrix24Batch batch) {
        Exchange answer = endpoints.send(URI, exchange -> {
            exchange.setProperty(Bitrix24Rest.WEBHOOK_URL, portal.webhookUrl());
            exchange.setProperty(Bitrix24Rest.PARAMS, batch);
            exchange.setProperty(Bitrix24Rest.PORTAL, portal.key());
            exchange.setProperty(Bitrix24Rest.RATE_PLAN, portal.plan());
            exchange.setProperty(Bitrix24Rest.PERMIT_TAKEN, true);
        });
        Exception failure = answer.getException();
        if (failure instanceof Bitrix24Failure bitrix24) {
            throw bitrix24;
        }
        if (failure != null) {
            // no answer (timeout, connection reset): whether the portal ran the batch is unknown
            throw new Bitrix24Failure.Transient("batch", 0, "", "no answer: " + failure.getClass().getSimpleName()
                    + ": " + failure.getMessage(), null);
        }
        try {
            return json.readTree(answer.getMessage().getBody(String.class));
        } catch (IOException e) {
            throw new Bitrix24Failure.Transient("batch", 200, "", "batch result is not JSON", null);
        }
    }
}
