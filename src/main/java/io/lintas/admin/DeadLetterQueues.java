package io.lintas.admin;

import io.lintas.flow.QueueHeaders;
import io.lintas.flow.Stages;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.springframework.jms.core.JmsTemplate;

/**
 * The dead-letter queue of each stage ({@code lintas.dlq.<stage>}): list with reasons, and
 * replay onto the stage queue ({@code lintas.<stage>}), one JMS transaction per message, so a
 * replayed message is never lost nor doubled.
 */
public class DeadLetterQueues {

    private static final long RECEIVE_TIMEOUT_MS = 500;

    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;

    public DeadLetterQueues(JmsTemplate jms, ConnectionFactory connectionFactory) {
        this.jms = jms;
        this.connectionFactory = connectionFactory;
    }

    /** A dead letter as the admin sees it. */
    public record DeadLetter(String messageId, String leadId, String tenant, String failedAt, String reason) {
    }

    /** One stage's dead letters, oldest first, at most {@code limit} of them, and their total. */
    public record StageDeadLetters(String stage, String queue, int count, List<DeadLetter> messages) {
    }

    public StageDeadLetters list(String stage, int limit) {
        String queue = queueOf(stage);
        List<DeadLetter> letters = new ArrayList<>();
        Integer count = jms.browse(queue, (session, browser) -> {
            int n = 0;
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                if (letters.size() < limit) {
                    letters.add(describe(message));
                }
                n++;
            }
            return n;
        });
        return new StageDeadLetters(stage, queue, count == null ? 0 : count, letters);
    }

    /**
     * Moves dead letters back onto their stage queue, without their failure headers.
     *
     * @param messageIds JMS message ids to replay; empty means all
     * @return how many were replayed
     */
    public int replay(String stage, Set<String> messageIds) throws JMSException {
        String from = queueOf(stage);
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            MessageProducer producer = session.createProducer(session.createQueue(Stages.queue(stage)));
            int moved = 0;
            if (messageIds.isEmpty()) {
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(from))) {
                    Message message;
                    while ((message = consumer.receive(RECEIVE_TIMEOUT_MS)) != null) {
                        producer.send(withoutFailure(session, message));
                        session.commit();
                        moved++;
                    }
                }
            } else {
                for (String id : messageIds) {
                    String selector = "JMSMessageID = '" + id.replace("'", "''") + "'";
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(from), selector)) {
                        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                        if (message != null) {
                            producer.send(withoutFailure(session, message));
                            session.commit();
                            moved++;
                        }
                    }
                }
            }
            return moved;
        }
    }

    private static Message withoutFailure(Session session, Message failed) throws JMSException {
        TextMessage copy = session.createTextMessage(failed.getBody(String.class));
        for (String header : List.of(QueueHeaders.LEAD_ID, QueueHeaders.TENANT, QueueHeaders.SOURCE, QueueHeaders.GROUP_ID)) {
            String value = failed.getStringProperty(header);
            if (value != null) {
                copy.setStringProperty(header, value);
            }
        }
        copy.setStringProperty("LintasReplayedFrom", failed.getJMSMessageID());
        return copy;
    }

    private static String queueOf(String stage) {
        if (!Stages.isStage(stage)) {
            throw new IllegalArgumentException("unknown stage '" + stage + "'; stages are " + Stages.ALL);
        }
        return Stages.deadLetterQueue(stage);
    }

    private static DeadLetter describe(Message message) throws JMSException {
        String reason = message.getStringProperty(QueueHeaders.FAILURE_REASON);
        return new DeadLetter(message.getJMSMessageID(), message.getStringProperty(QueueHeaders.LEAD_ID),
                message.getStringProperty(QueueHeaders.TENANT), message.getStringProperty(QueueHeaders.FAILED_AT),
                reason != null ? reason : "moved here by the broker after repeated delivery failures (no reason recorded)");
    }
}
