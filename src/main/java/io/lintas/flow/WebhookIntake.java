package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.FormIntake;
import io.lintas.intake.InboundRequest;
import io.lintas.intake.IntakeDecision;
import java.util.LinkedHashMap;
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
        IntakeMessages.prepare(exchange, decision, json);
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
        return new InboundRequest(url, in.getHeader(Exchange.CONTENT_TYPE, String.class), headers,
                InboundRequest.parseQuery(query), body);
    }

}
