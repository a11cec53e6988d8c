package io.lintas.flow;

import io.lintas.delivery.TaskDelivery;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * The safety net behind the stage hand-offs (routes/lead-sweep.camel.yaml). A lead recorded as handed to the CRM stage
 * ({@code QUEUED_CRM}), or in the CRM with a task to come ({@code IN_CRM}), that has stood there longer than
 * {@code stuckAfter} with no message for it on the stage queue or its dead-letter queue lost its hand-off (a
 * {@code kill -9} between the ledger's commit and the broker's, found by the reliability harness). It is handed to the
 * stage again and the re-hand noted on its journey. Both stages are idempotent: the CRM record and the task are looked
 * up before they are made. {@code stuckAfter} must exceed a stage's whole redelivery span (default 30 min against about
 * 7 min), so a message still waiting out its backoff is not doubled.
 */
public class StuckLeads {

    private static final Logger LOG = LoggerFactory.getLogger(StuckLeads.class);
    static final int BATCH = 100;

    private final LeadLedger ledger;
    private final TenantRegistry tenants;
    private final JmsTemplate jms;
    private final Duration stuckAfter;
    private final Clock clock;

    public StuckLeads(LeadLedger ledger, TenantRegistry tenants, JmsTemplate jms, Duration stuckAfter, Clock clock) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.jms = jms;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
    }

    /** One lead to hand again: its JSON and the stage queue. */
    public record Rehand(String leadId, String tenant, String queue, String leadJson) {
    }

    /** The body becomes the list of leads to hand again. */
    public void find(Exchange exchange) {
        List<Rehand> out = new ArrayList<>();
        Instant before = clock.instant().minus(stuckAfter);
        collect(out, LeadStatus.QUEUED_CRM, Stages.queue("crm"), Stages.deadLetterQueue("crm"), before, false);
        collect(out, LeadStatus.IN_CRM, Stages.queue("tasks"), Stages.deadLetterQueue("tasks"), before, true);
        exchange.getMessage().setBody(out);
    }

    private void collect(List<Rehand> out, String status, String queue, String deadLetters, Instant before,
            boolean tasks) {
        for (String id : ledger.standingSince(status, before, BATCH)) {
            StoredLead lead = ledger.find(id).orElse(null);
            if (lead == null || (tasks && tenants.find(lead.tenant()).map(t -> !TaskDelivery.wanted(t)).orElse(true))) {
                continue;
            }
            if (waiting(queue, id) || waiting(deadLetters, id)) {
                continue;
            }
            ledger.leadJson(id).ifPresent(json -> out.add(new Rehand(id, lead.tenant(), queue, json)));
        }
    }

    private boolean waiting(String queue, String leadId) {
        Boolean found = jms.browseSelected(queue, QueueHeaders.LEAD_ID + " = '" + leadId + "'",
                (session, browser) -> browser.getEnumeration().hasMoreElements());
        return Boolean.TRUE.equals(found);
    }

    /** One lead (inside the split): the stage's headers and body, and the re-hand on its journey. */
    public void rehand(Exchange exchange) {
        Message message = exchange.getMessage();
        Rehand rehand = message.getBody(Rehand.class);
        QueueHeaders.reset(message, rehand.leadId(), rehand.tenant(), "sweep");
        message.setHeader(BillingFlow.TARGET_QUEUE, rehand.queue());
        message.setBody(rehand.leadJson());
        ledger.rehanded(rehand.leadId(), "handed to " + rehand.queue() + " again: nothing for it on the queue after "
                + stuckAfter + " (a hand-off lost in a crash)");
        LOG.warn("lead {} of tenant {}: nothing queued for it after {}; handed to {} again", rehand.leadId(),
                rehand.tenant(), stuckAfter, rehand.queue());
    }
}
