package io.lintas.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeDecision;
import io.lintas.intake.IntakeEnvelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Every intake hands its envelope to {@code lintas.intake} the same way: these two steps. */
public final class IntakeMessages {

    private IntakeMessages() {
    }

    /**
     * Sets the exchange up as the decision says: the envelope as the message (when there is one)
     * and the properties the routes and {@link WebhookIntake#reply} read.
     */
    public static void prepare(Exchange exchange, IntakeDecision decision, ObjectMapper json) {
        exchange.setProperty(WebhookIntake.DECISION, decision);
        exchange.setProperty(WebhookIntake.ENQUEUE, decision.envelope() != null);
        Message message = exchange.getMessage();
        if (decision.envelope() == null) {
            message.removeHeaders("*");
            message.setBody(null);
            return;
        }
        write(message, decision.envelope(), decision.group(), json);
    }

    /**
     * The envelope as a queue message: the Lintas headers only, the message group (intakes that
     * may be the same person reach the pipeline one after the other) and the envelope as JSON.
     */
    public static void write(Message message, IntakeEnvelope envelope, String group, ObjectMapper json) {
        QueueHeaders.reset(message, envelope.id(), envelope.tenant(), envelope.source());
        message.setHeader(QueueHeaders.GROUP_ID, group);
        try {
            message.setBody(json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake envelope cannot be written as JSON", e);
        }
    }
}
