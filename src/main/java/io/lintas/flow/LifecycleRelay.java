package io.lintas.flow;

import io.lintas.lifecycle.LifecycleOutbox;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans of routes/lifecycle-outbox.camel.yaml. A leased batch of outbox rows goes to Kafka in two
 * sends: the oldest event alone, then, once Kafka took it (so it is reachable and knows the topic), the
 * rest as one batch, each with its record key. Sent alone first, the oldest never trails a younger one
 * because Kafka came back in the middle of a batch; a failure after it re-sends only what is not
 * acknowledged (consumers dedupe on the event id).
 */
public class LifecycleRelay {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleRelay.class);
    /** The taken events Kafka has not acknowledged yet. */
    static final String UNSENT = "lintasLifecycleUnsent";
    /** Record headers: consumers can route on the type without parsing the JSON. */
    public static final String TYPE_HEADER = "lintas-event-type";
    public static final String ID_HEADER = "lintas-event-id";

    private final LifecycleOutbox outbox;

    public LifecycleRelay(LifecycleOutbox outbox) {
        this.outbox = outbox;
    }

    /** Takes the due events, oldest first; the body is the oldest one's JSON with its key, or null when none is due. */
    public String due(Exchange exchange, int limit) {
        List<LifecycleOutbox.Pending> batch = outbox.take(limit);
        exchange.setProperty(UNSENT, batch);
        if (batch.isEmpty()) {
            return null;
        }
        LifecycleOutbox.Pending oldest = batch.get(0);
        Message message = exchange.getMessage();
        message.setHeader(KafkaConstants.KEY, oldest.key());
        message.setHeader(TYPE_HEADER, oldest.type());
        message.setHeader(ID_HEADER, oldest.id());
        return oldest.body();
    }

    /** The oldest is on Kafka: out of the outbox. The body becomes the rest, one message each. */
    public List<Message> rest(Exchange exchange) {
        List<LifecycleOutbox.Pending> unsent = unsent(exchange);
        outbox.published(unsent.subList(0, 1));
        List<LifecycleOutbox.Pending> rest = List.copyOf(unsent.subList(1, unsent.size()));
        exchange.setProperty(UNSENT, rest);
        Message outer = exchange.getMessage();
        outer.removeHeaders("kafka.*");
        outer.removeHeader(TYPE_HEADER);
        outer.removeHeader(ID_HEADER);
        return rest.stream().map(p -> {
            Message m = new DefaultMessage(exchange.getContext());
            m.setBody(p.body());
            m.setHeader(KafkaConstants.KEY, p.key());
            m.setHeader(TYPE_HEADER, p.type());
            m.setHeader(ID_HEADER, p.id());
            return m;
        }).toList();
    }

    /** The rest is on Kafka too. */
    public void published(Exchange exchange) {
        outbox.published(unsent(exchange));
        exchange.setProperty(UNSENT, List.of());
    }

    /** Kafka did not take them (down, slow, refused): due again on the next poll. */
    public void failed(Exchange exchange) {
        List<LifecycleOutbox.Pending> unsent = unsent(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        outbox.failed(unsent, reason);
        LOG.warn("{} lifecycle event(s) not sent to Kafka, retried on the next poll: {}", unsent.size(), reason);
    }

    @SuppressWarnings("unchecked")
    private static List<LifecycleOutbox.Pending> unsent(Exchange exchange) {
        List<LifecycleOutbox.Pending> batch = exchange.getProperty(UNSENT, List.class);
        return batch == null ? List.of() : batch;
    }
}
