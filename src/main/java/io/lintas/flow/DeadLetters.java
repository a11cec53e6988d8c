package io.lintas.flow;

import io.lintas.lead.Redaction;
import io.lintas.metrics.LeadMetrics;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.UnitOfWork;

/**
 * Decides when a failing queue message has had its attempts, and prepares it for its stage's
 * dead-letter queue: {@code lintas.<stage>} fails into {@code lintas.dlq.<stage>}, with the
 * reason and time.
 */
public class DeadLetters {

    /** Exchange property: the masked reason of a failed attempt, for the log. */
    public static final String FAILURE = "lintasFailure";
    /** Exchange property: which delivery of the message failed (1 = the first). */
    public static final String ATTEMPT = "lintasAttempt";

    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final int MAX_REASON = 500;

    private final Clock clock;
    private final int maximumRedeliveries;
    private LeadMetrics metrics = LeadMetrics.NONE;

    public DeadLetters(Clock clock, int maximumRedeliveries) {
        this.clock = clock;
        this.maximumRedeliveries = maximumRedeliveries;
    }

    /** Counts and logs what this step did (io.lintas.metrics); set by ObservabilityConfig. */
    public void observe(LeadMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * True when the broker has delivered this message more than {@code 1 + maximumRedeliveries}
     * times. Read from the message as it came off the queue: steps may have replaced the headers.
     */
    public boolean isLastAttempt(Exchange exchange) {
        return attempt(exchange) > maximumRedeliveries;
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        String stage = Stages.ofDestination(message.getHeader("JMSDestination", String.class));
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        message.setHeader(QueueHeaders.FAILED_STAGE, stage);
        message.setHeader(QueueHeaders.DEAD_LETTER_QUEUE, Stages.deadLetterQueue(stage));
        message.setHeader(QueueHeaders.FAILED_AT, clock.instant().toString());
        message.setHeader(QueueHeaders.FAILURE_REASON, reason(failure));
        metrics.deadLettered(stage, message.getHeader(QueueHeaders.TENANT, String.class), message.getHeader(QueueHeaders.LEAD_ID, String.class));
    }

    /** Puts the attempt number and the masked reason of a failed attempt in exchange properties, for the log. */
    public void describeAttempt(Exchange exchange) {
        exchange.setProperty(ATTEMPT, attempt(exchange));
        exchange.setProperty(FAILURE, reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        metrics.failed(Stages.ofDestination(exchange.getMessage().getHeader("JMSDestination", String.class)), exchange.getMessage().getHeader(QueueHeaders.TENANT, String.class));
    }

    static int attempt(Exchange exchange) {
        UnitOfWork unitOfWork = exchange.getUnitOfWork();
        Message received = unitOfWork != null && unitOfWork.getOriginalInMessage() != null
                ? unitOfWork.getOriginalInMessage() : exchange.getIn();
        Integer count = received.getHeader(DELIVERY_COUNT, Integer.class);
        return count == null ? 1 : count;
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
