package io.lintas.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.Bitrix24EventIntake;
import io.lintas.intake.CrmEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel side of {@code POST /hooks/{tenant}/crm/bitrix24}: verifies the event, sets it up for the
 * persistent queue {@code lintas.crm-events}, and answers 200 once it is there.
 */
public class CrmEventIntake {

    /** Exchange property: true when there is an event to queue. */
    public static final String ENQUEUE = WebhookIntake.ENQUEUE;
    /**
     * Artemis duplicate detection: a second send with the same id is dropped by the broker, so the
     * same delivery posted twice is fetched once.
     */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final Logger LOG = LoggerFactory.getLogger(CrmEventIntake.class);

    private final Bitrix24EventIntake intake;
    private final ObjectMapper json;

    public CrmEventIntake(Bitrix24EventIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    public void bitrix24(Exchange exchange) {
        Message message = exchange.getMessage();
        String tenant = message.getHeader("tenant", String.class);
        Bitrix24EventIntake.Decision decision = intake.receive(tenant, WebhookIntake.request(message));
        exchange.setProperty(ENQUEUE, decision.enqueue());
        CrmEvent event = decision.event();
        if (event == null) {
            LOG.info("Bitrix24 event for tenant {} acknowledged, not queued: {}", tenant, decision.note());
            message.removeHeaders("*");
            message.setBody(null);
            return;
        }
        QueueHeaders.reset(message, event.id(), event.tenant(), event.source());
        message.setHeader(QueueHeaders.GROUP_ID, event.group());
        message.setHeader(DUPLICATE_ID, event.deliveryKey());
        try {
            message.setBody(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CRM event cannot be written as JSON", e);
        }
    }

    /** Bitrix24 wants a fast 200 and reads nothing of it. */
    public void reply(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        out.setBody("ok");
    }
}
