package io.lintas.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.CallIntake;
import io.lintas.intake.IntakeDecision;
import io.lintas.intake.IntakeEnvelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Camel side of the phone-system intake ({@code /hooks/{tenant}/calls/{provider}}): hands the
 * request to {@link CallIntake} and sets the exchange up the way {@link WebhookIntake} does, so the
 * route queues the envelope (when there is one) and {@link WebhookIntake#reply} answers.
 */
public class CallWebhooks {

    private final CallIntake calls;
    private final ObjectMapper json;

    public CallWebhooks(CallIntake calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** {@code POST /hooks/{tenant}/calls/{provider}} (and Zadarma's {@code GET ?zd_echo=}). */
    public void calls(Exchange exchange) {
        Message in = exchange.getMessage();
        IntakeDecision decision = calls.receive(in.getHeader("tenant", String.class),
                in.getHeader("provider", String.class), in.getHeader(Exchange.HTTP_METHOD, String.class),
                WebhookIntake.request(in));
        exchange.setProperty(WebhookIntake.DECISION, decision);
        exchange.setProperty(WebhookIntake.ENQUEUE, decision.envelope() != null);
        IntakeEnvelope envelope = decision.envelope();
        if (envelope == null) {
            in.removeHeaders("*");
            in.setBody(null);
            return;
        }
        QueueHeaders.reset(in, envelope.id(), envelope.tenant(), envelope.source());
        // calls from one number reach the pipeline one after the other, in arrival order
        in.setHeader(QueueHeaders.GROUP_ID, decision.group());
        try {
            in.setBody(json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake envelope cannot be written as JSON", e);
        }
    }
}
