package io.lintas.flow;

import io.lintas.lead.Redaction;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares a message that failed every attempt for its stage's dead-letter queue:
 * {@code lintas.<stage>} fails into {@code lintas.dlq.<stage>}, with the reason and time.
 */
public class DeadLetters {

    private static final int MAX_REASON = 500;

    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        String stage = stageOf(message.getHeader("JMSDestination", String.class));
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        message.setHeader(QueueHeaders.FAILED_STAGE, stage);
        message.setHeader(QueueHeaders.DEAD_LETTER_QUEUE, "lintas.dlq." + stage);
        message.setHeader(QueueHeaders.FAILED_AT, clock.instant().toString());
        message.setHeader(QueueHeaders.FAILURE_REASON, reason(failure));
    }

    /** Puts the masked reason of a failed attempt in the exchange property {@code lintasFailure}, for the log. */
    public void describeAttempt(Exchange exchange) {
        exchange.setProperty("lintasFailure", reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
    }

    /** "queue://lintas.crm" or "ActiveMQQueue[lintas.crm]" or "lintas.crm" → "crm". */
    static String stageOf(String destination) {
        if (destination == null) {
            return "unknown";
        }
        String name = destination.replaceAll("^.*[/\\[]", "").replace("]", "");
        return name.startsWith("lintas.") ? name.substring("lintas.".length()) : name;
    }

    /** One readable line: the exception's type and message, personal data masked. */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        text = Redaction.mask(text.replaceAll("\\s+", " "));
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
