package io.lintas.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.FormIntake;
import io.lintas.intake.InboundRequest;
import io.lintas.intake.IntakeDecision;
import io.lintas.intake.IntakeEnvelope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Camel side of the webhook intakes: turns the HTTP exchange into an {@link InboundRequest},
 * asks the intake what to do, and sets the exchange up to queue the envelope and answer.
 */
public class WebhookIntake {

    /** Exchange property: the decision, read again by {@link #reply}. */
    public static final String DECISION = "lintasDecision";
    /** Exchange property: true when there is an envelope to put on the intake queue. */
    public static final String ENQUEUE = "lintasEnqueue";

    private final FormIntake forms;
    private final ObjectMapper json;

    public WebhookIntake(FormIntake forms, ObjectMapper json) {
        this.forms = forms;
        this.json = json;
    }

    /** {@code POST /hooks/{tenant}/forms/{form}}. */
    public void forms(Exchange exchange) {
        Message in = exchange.getMessage();
        IntakeDecision decision = forms.receive(in.getHeader("tenant", String.class), in.getHeader("form", String.class),
                request(in));
        prepare(exchange, decision);
    }

    /** Answers the sender as the decision says; runs only after the envelope is durable. */
    public void reply(Exchange exchange) {
        IntakeDecision decision = exchange.getProperty(DECISION, IntakeDecision.class);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, decision.status());
        out.setHeader(Exchange.CONTENT_TYPE, decision.contentType());
        out.setBody(decision.body());
    }

    private void prepare(Exchange exchange, IntakeDecision decision) {
        exchange.setProperty(DECISION, decision);
        exchange.setProperty(ENQUEUE, decision.envelope() != null);
        Message message = exchange.getMessage();
        // HTTP headers (signatures, tokens, cookies) must not travel on as JMS properties
        message.removeHeaders("*");
        IntakeEnvelope envelope = decision.envelope();
        if (envelope == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(QueueHeaders.LEAD_ID, envelope.id());
        message.setHeader(QueueHeaders.TENANT, envelope.tenant());
        message.setHeader(QueueHeaders.SOURCE, envelope.source());
        // submissions that may be the same person reach the pipeline one after the other
        message.setHeader(QueueHeaders.GROUP_ID, decision.group());
        try {
            message.setBody(json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake envelope cannot be written as JSON", e);
        }
    }

    static InboundRequest request(Message in) {
        Map<String, String> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                headers.put(name, String.valueOf(value));
            }
        });
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        String url = in.getHeader(Exchange.HTTP_URL, String.class);
        if (query != null && !query.isEmpty()) {
            url = url + "?" + query;
        }
        byte[] body = in.getBody(byte[].class);
        return new InboundRequest(url, in.getHeader(Exchange.CONTENT_TYPE, String.class), headers, parseQuery(query), body);
    }

    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
