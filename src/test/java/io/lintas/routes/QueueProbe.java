package io.lintas.routes;

import io.lintas.flow.QueueHeaders;
import java.util.Enumeration;
import org.springframework.jms.core.JmsTemplate;

/** Looks at what waits on a queue without consuming it. */
final class QueueProbe {

    private QueueProbe() {
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
