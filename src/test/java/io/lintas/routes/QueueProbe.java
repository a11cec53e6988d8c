package io.lintas.routes;

import io.lintas.flow.QueueHeaders;
import java.util.Enumeration;
import org.springframework.jms.core.JmsTemplate;

/** Looks at what waits on a queue without consuming it. */
final class QueueProbe {

    private QueueProbe() {
    }

    /**
     * How many messages of this lead wait on the queue, once there are {@code expected} (polled for up to 5 s,
     * like Awaitility): a consumer's exchange is done a moment before its JMS transaction commits the hand-off.
     */
    static int awaitMessagesFor(JmsTemplate jms, String queue, String leadId, int expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        int n = messagesFor(jms, queue, leadId);
        while (n < expected && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
            n = messagesFor(jms, queue, leadId);
        }
        return n;
    }

    /** How many messages of this lead wait on the queue. */
    static int messagesFor(JmsTemplate jms, String queue, String leadId) {
        Integer count = jms.browseSelected(queue, QueueHeaders.LEAD_ID + " = '" + leadId + "'", (session, browser) -> {
            int n = 0;
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        });
        return count == null ? 0 : count;
    }
}
