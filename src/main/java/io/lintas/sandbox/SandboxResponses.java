package io.lintas.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The WireMock extension behind the sandbox's stubs: a stub names which stand-in answers it
 * (transformer parameter {@code system}: bitrix24, jira or stats) and this turns the request into
 * a call on that stand-in's state, and its answer into the response. Every response carries
 * {@code X-Lintas-Sandbox: true}.
 */
final class SandboxResponses implements ResponseDefinitionTransformerV2 {

    static final String NAME = "lintas-sandbox";
    static final String SANDBOX_HEADER = "X-Lintas-Sandbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bitrix24Portal bitrix24;
    private final JiraSite jira;
    private final Supplier<String> baseUrl;
    private final PaymentStandIns billing;

    SandboxResponses(Bitrix24Portal bitrix24, JiraSite jira, Supplier<String> baseUrl, PaymentStandIns billing) {
        this.bitrix24 = bitrix24;
        this.jira = jira;
        this.baseUrl = baseUrl;
        this.billing = billing;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String system = event.getResponseDefinition().getTransformerParameters().getString("system", "");
        URI uri = URI.create(request.getUrl());
        return switch (system) {
            case "bitrix24" -> bitrix24(request, uri);
            case "jira" -> {
                JiraSite.Answer answer = jira.handle(request.getMethod().getName(), uri.getRawPath(), uri.getRawQuery(),
                        request.getHeader("Authorization"), request.getBodyAsString(), baseUrl.get());
                yield json(answer.status(), answer.body(), "application/json;charset=UTF-8");
            }
            case "stats" -> {
                ObjectNode stats = JSON.createObjectNode();
                stats.set("bitrix24", JSON.valueToTree(bitrix24.stats()));
                stats.set("jira", JSON.valueToTree(jira.stats()));
                stats.set("xendit", JSON.valueToTree(billing.xendit().stats()));
                stats.set("midtrans", JSON.valueToTree(billing.midtrans().stats()));
                stats.set("stripe", JSON.valueToTree(billing.stripe().stats()));
                stats.put("sms", billing.twilio().messages().size());
                stats.put("mail", billing.mail() == null ? 0 : billing.mail().messages().size());
                yield json(200, stats, "application/json");
            }
            case "xendit", "midtrans", "stripe", "twilio", "mail", "sms", "pay" -> {
                StandInAnswer answer = billing.handle(system, request.getMethod().getName(), uri.getRawPath(),
                        uri.getRawQuery(), request.getHeader("Authorization"), request.getHeader("Idempotency-Key"),
                        request.getBodyAsString());
                yield json(answer.status(), answer.body(), "application/json; charset=utf-8");
            }
            default -> json(500, JSON.createObjectNode().put("error", "stub without a system"), "application/json");
        };
    }

    /** {@code /rest/{user}/{code}/{method}[.json]}: parameters from the query string and the body (JSON or form). */
    private ResponseDefinition bitrix24(Request request, URI uri) {
        String[] parts = uri.getRawPath().split("/");
        // "", "rest", user, code, method
        String user = parts.length > 2 ? parts[2] : "";
        String code = parts.length > 3 ? parts[3] : "";
        String method = parts.length > 4 ? parts[4] : "";
        if (method.toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return bitrixError(400, "INVALID_REQUEST", "The sandbox answers JSON only");
        }
        ObjectNode params = Params.fromQuery(uri.getRawQuery());
        String contentType = request.getHeader("Content-Type");
        String body = request.getBodyAsString();
        if (body != null && !body.isBlank()) {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("application/json")) {
                try {
                    JsonNode json = JSON.readTree(body);
                    if (json == null || !json.isObject()) {
                        return bitrixError(400, "INVALID_REQUEST", "The JSON body must be an object of parameters");
                    }
                    params.setAll((ObjectNode) json);
                } catch (IOException e) {
                    return bitrixError(400, "INVALID_REQUEST", "The body is not valid JSON");
                }
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                params.setAll(Params.fromQuery(body));
            } else {
                return bitrixError(400, "INVALID_REQUEST",
                        "The sandbox reads JSON and application/x-www-form-urlencoded bodies (got " + contentType + ")");
            }
        }
        Bitrix24Portal.Answer answer = bitrix24.request(user, code, method, params);
        return json(answer.status(), answer.body(), "application/json; charset=utf-8");
    }

    private static ResponseDefinition bitrixError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body, "application/json; charset=utf-8");
    }

    private static ResponseDefinition json(int status, JsonNode body, String contentType) {
        var builder = responseDefinition().withStatus(status).withHeader(SANDBOX_HEADER, "true");
        if (body == null) {
            return builder.build();
        }
        try {
            return builder.withHeader("Content-Type", contentType).withBody(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
