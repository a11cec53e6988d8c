package io.lintas.admin;

import io.lintas.flow.QueueHeaders;
import io.lintas.flow.Stages;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jms.core.JmsTemplate;

/**
 * The dead-letter queue of each stage ({@code lintas.dlq.<stage>}): list with reasons, replay
 * onto the stage queue ({@code lintas.<stage>}) and discard. One JMS transaction per message, and
 * each message's audit record is written before that transaction commits: a replayed message is
 * never lost nor doubled, and a discarded one is never gone without its audit record (which keeps
 * its body and properties, to recover it by hand).
 */
public class DeadLetterQueues {

    private static final long RECEIVE_TIMEOUT_MS = 500;

    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;
    private final DeadLetterAudit audit;

    public DeadLetterQueues(JmsTemplate jms, ConnectionFactory connectionFactory, DeadLetterAudit audit) {
        this.jms = jms;
        this.connectionFactory = connectionFactory;
        this.audit = audit;
    }

    /** A dead letter as the admin sees it. */
    public record DeadLetter(String messageId, String leadId, String tenant, String failedAt, String reason) {
    }

    /** One stage's dead letters, oldest first, at most {@code limit} of them, and their total. */
    public record StageDeadLetters(String stage, String queue, int count, List<DeadLetter> messages) {
    }

    /** What a replay or discard did: how many messages, and which of the asked-for ids were not there. */
    public record Outcome(int done, List<String> notFound) {
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
     * Moves dead letters back onto their stage queue, without their failure headers, each with an
     * audit record (action REPLAY).
     *
     * @param messageIds JMS message ids to replay; empty means all
     */
    public Outcome replay(String stage, Set<String> messageIds, String actor) throws JMSException {
        return take(stage, messageIds, (session, producer, message) -> {
            audit.record(DeadLetterAudit.Action.REPLAY, actor, stage, snapshot(message));
            producer.send(withoutFailure(session, message));
        }, true);
    }

    /**
     * Removes dead letters for good, each with an audit record (action DISCARD) that keeps the
     * message's body and properties.
     *
     * @param messageIds JMS message ids to discard; empty means all
     */
    public Outcome discard(String stage, Set<String> messageIds, String actor) throws JMSException {
        return take(stage, messageIds,
                (session, producer, message) -> audit.record(DeadLetterAudit.Action.DISCARD, actor, stage, snapshot(message)),
                false);
    }

    private interface Handler {
        void handle(Session session, MessageProducer producer, Message message) throws JMSException;
    }

    private Outcome take(String stage, Set<String> messageIds, Handler handler, boolean produces) throws JMSException {
        String from = queueOf(stage);
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            MessageProducer producer = produces ? session.createProducer(session.createQueue(Stages.queue(stage))) : null;
            int done = 0;
            List<String> notFound = new ArrayList<>();
            if (messageIds.isEmpty()) {
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(from))) {
                    Message message;
                    while ((message = consumer.receive(RECEIVE_TIMEOUT_MS)) != null) {
                        handleOne(session, producer, message, handler);
                        done++;
                    }
                }
            } else {
                for (String id : messageIds) {
                    String selector = "JMSMessageID = '" + id.replace("'", "''") + "'";
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(from), selector)) {
                        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                        if (message != null) {
                            handleOne(session, producer, message, handler);
                            done++;
                        } else {
                            notFound.add(id);
                        }
                    }
                }
            }
            return new Outcome(done, notFound);
        }
    }

    /** The message leaves the queue only when its handling (audit record included) succeeded. */
    private static void handleOne(Session session, MessageProducer producer, Message message, Handler handler)
            throws JMSException {
        try {
            handler.handle(session, producer, message);
        } catch (JMSException | RuntimeException failed) {
            session.rollback();
            throw failed;
        }
        session.commit();
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

    /** Everything needed to put the message back by hand: ids, reason, properties and body. */
    static DeadLetterAudit.Letter snapshot(Message message) throws JMSException {
        Map<String, String> properties = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            Object value = message.getObjectProperty(name);
            properties.put(name, value == null ? null : String.valueOf(value));
        }
        String body;
        if (message instanceof TextMessage text) {
            body = text.getText();
        } else if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            body = "base64:" + Base64.getEncoder().encodeToString(data);
        } else {
            body = null;
        }
        return new DeadLetterAudit.Letter(message.getJMSMessageID(), message.getStringProperty(QueueHeaders.LEAD_ID),
                message.getStringProperty(QueueHeaders.TENANT), message.getStringProperty(QueueHeaders.FAILURE_REASON),
                message.getStringProperty(QueueHeaders.FAILED_AT), properties, body);
    }
}
