package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.CallIntake;
import io.lintas.intake.IntakeDecision;
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
        IntakeMessages.prepare(exchange, decision, json); // calls from one number: one after the other
    }
}
