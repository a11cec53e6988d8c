package io.lintas.flow;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.jms.core.JmsTemplate;

/**
 * How many messages a queue holds as the broker counts them: waiting, waiting out a redelivery delay, and
 * held by consumers (prefetched or being processed), which a JMS queue browser does not see. Asked through
 * Artemis's management address over JMS, so it works the same for the embedded broker and an external one
 * (whose Lintas user then needs the {@code manage} permission on {@code activemq.management}).
 */
public class QueueDepths {

    static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final JmsTemplate requests;

    public QueueDepths(ConnectionFactory connectionFactory, Duration timeout) {
        this.requests = new JmsTemplate(connectionFactory);
        this.requests.setReceiveTimeout(timeout.toMillis());
    }

    /** @return the queue's message count; empty when the broker did not answer, refused, or has no such queue */
    public OptionalLong depth(String queue) {
        try {
            Message reply = requests.sendAndReceive(MANAGEMENT_ADDRESS, session -> {
                Message request = session.createMessage();
                JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
                return request;
            });
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                return OptionalLong.empty();
            }
            return JMSManagementHelper.getResult(reply) instanceof Number count ? OptionalLong.of(count.longValue())
                    : OptionalLong.empty();
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }
}
