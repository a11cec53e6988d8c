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
 * The beans of routes/lifecycle-outbox.camel.yaml: a leased batch of outbox rows becomes one Kafka
 * send (a list of messages, each with its record key), and the answer goes back to the outbox.
 */
public class LifecycleRelay {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleRelay.class);
    static final String BATCH = "lintasLifecycleBatch";
    /** Record headers: consumers can route on the type without parsing the JSON. */
    public static final String TYPE_HEADER = "lintas-event-type";
    public static final String ID_HEADER = "lintas-event-id";

    private final LifecycleOutbox outbox;

    public LifecycleRelay(LifecycleOutbox outbox) {
        this.outbox = outbox;
    }

    /** Takes the due events, oldest first, as one message each; the batch stays on the exchange for the answer. */
    public List<Message> due(Exchange exchange, int limit) {
        List<LifecycleOutbox.Pending> batch = outbox.take(limit);
        exchange.setProperty(BATCH, batch);
        return batch.stream().map(p -> {
            Message m = new DefaultMessage(exchange.getContext());
            m.setBody(p.body());
            m.setHeader(KafkaConstants.KEY, p.key());
            m.setHeader(TYPE_HEADER, p.type());
            m.setHeader(ID_HEADER, p.id());
            return m;
        }).toList();
    }

    public void published(Exchange exchange) {
        outbox.published(batch(exchange));
    }

    public void failed(Exchange exchange) {
        List<LifecycleOutbox.Pending> batch = batch(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        outbox.failed(batch, reason);
        LOG.warn("{} lifecycle event(s) not sent to Kafka, retried on the next poll: {}", batch.size(), reason);
    }

    @SuppressWarnings("unchecked")
    private static List<LifecycleOutbox.Pending> batch(Exchange exchange) {
        List<LifecycleOutbox.Pending> batch = exchange.getProperty(BATCH, List.class);
        return batch == null ? List.of() : batch;
    }
}
