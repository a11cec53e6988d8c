package io.lintas.connector.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON of the payment providers' calls: a request body out, an answer in (no JSON in it: an unclear outcome). */
final class ProviderJson {

    private ProviderJson() {
    }

    static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty answer reads as {@code {}}; one that is no JSON is {@link BillingException.Unclear}. */
    static JsonNode read(ObjectMapper json, String body, String provider) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new BillingException.Unclear(provider + " answered with no JSON", e);
        }
    }
}
