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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * The safety net behind the stage hand-offs (routes/lead-sweep.camel.yaml). A lead recorded as handed to the CRM stage
 * ({@code QUEUED_CRM}), or in the CRM with a task to come ({@code IN_CRM}), that has stood there longer than
 * {@code stuckAfter} while nothing is on the stage's queue at all, and nothing for it on the stage's dead-letter
 * queue, has no message anywhere: it is handed to the stage again and the re-hand noted on its journey.
 *
 * <p>The sweep acts only while the stage queue is empty, counted by the broker ({@link QueueDepths}: waiting,
 * scheduled for redelivery and held by consumers). A queue browser sees only the first kind; a sweep that trusted it
 * handed leads again whose message sat in a consumer's prefetch buffer under load, and two consumers then created the
 * same lead at the same moment (the reliability harness, 4 duplicates in 10,597 leads). The stage's hand-off itself
 * commits with the acknowledgement of the message it came from (JmsHandOffTest), so the sweep is a net for what that
 * does not cover, not the normal way of recovering from a crash. {@code stuckAfter} must exceed a stage's whole
 * redelivery span (default 30 min against about 7 min).
 */
public class StuckLeads {

    private static final Logger LOG = LoggerFactory.getLogger(StuckLeads.class);
    static final int BATCH = 100;

    private final LeadLedger ledger;
    private final TenantRegistry tenants;
    private final JmsTemplate jms;
    private final QueueDepths depths;
    private final Duration stuckAfter;
    private final Clock clock;
    private final AtomicBoolean toldDepthUnknown = new AtomicBoolean();

    public StuckLeads(LeadLedger ledger, TenantRegistry tenants, JmsTemplate jms, QueueDepths depths, Duration stuckAfter,
            Clock clock) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.jms = jms;
        this.depths = depths;
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
        collect(out, LeadStatus.QUEUED_CRM, "crm", before, false);
        collect(out, LeadStatus.IN_CRM, "tasks", before, true);
        exchange.getMessage().setBody(out);
    }

    private void collect(List<Rehand> out, String status, String stage, Instant before, boolean tasks) {
        String queue = Stages.queue(stage);
        if (!idle(queue)) { // read before the ledger: a message in flight now keeps the count above 0
            return;
        }
        for (String id : ledger.standingSince(status, before, BATCH)) {
            StoredLead lead = ledger.find(id).orElse(null);
            if (lead == null || (tasks && tenants.find(lead.tenant()).map(t -> !TaskDelivery.wanted(t)).orElse(true))) {
                continue;
            }
            if (waiting(Stages.deadLetterQueue(stage), id)) {
                continue;
            }
            ledger.leadJson(id).ifPresent(json -> out.add(new Rehand(id, lead.tenant(), queue, json)));
        }
    }

    /** Whether the broker counts no message at all on the stage queue; unknown counts as busy. */
    private boolean idle(String queue) {
        OptionalLong depth = depths.depth(queue);
        if (depth.isEmpty()) {
            if (toldDepthUnknown.compareAndSet(false, true)) {
                LOG.warn("the sweep cannot read the depth of {} through the broker's management address (an external broker"
                        + " needs the manage permission on activemq.management for Lintas's user); it hands nothing again"
                        + " until it can", queue);
            }
            return false;
        }
        return depth.getAsLong() == 0;
    }

    /** Whether a message for the lead is on a queue without consumers (a dead-letter queue: a browser sees them all). */
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
        ledger.rehanded(rehand.leadId(), "handed to " + rehand.queue() + " again: no message for it after " + stuckAfter
                + " (a lost hand-off)");
        LOG.warn("lead {} of tenant {}: nothing queued for it after {}; handed to {} again", rehand.leadId(),
                rehand.tenant(), stuckAfter, rehand.queue());
    }
}
