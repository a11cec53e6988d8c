package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.flow.QueueDepths;
import io.lintas.flow.QueueHeaders;
import io.lintas.flow.StuckLeads;
import io.lintas.lead.Channel;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The sweep behind the hand-offs (routes/lead-sweep.camel.yaml): while a stage queue is empty, a lead standing in
 * QUEUED_CRM, or IN_CRM with a task to come, is handed again and the re-hand noted, and one whose message is on the
 * stage's dead-letter queue is left to the operator; while the stage queue holds anything at all, even a message a
 * queue browser cannot see, nothing is handed to it again. (The delivery stages are stopped in this context, so queued
 * messages stay put.)
 */
class LeadSweepTest extends WireMockPortal {

    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    JmsTemplate jms;
    @Autowired
    EmbeddedActiveMQ broker;

    @BeforeEach
    void emptyStageQueues() throws Exception {
        for (String queue : List.of("lintas.crm", "lintas.tasks", "lintas.dlq.crm", "lintas.dlq.tasks")) {
            broker.getActiveMQServer().locateQueue(queue).deleteAllReferences();
        }
    }

    @Test
    void withTheStagesIdleALeadWithNoMessageAnywhereIsHandedAgainAndOneOnTheDeadLetterQueueIsNot() {
        String lost = lead("01JDSWEEP0LOST000000000001", LeadStatus.QUEUED_CRM);
        String deadLettered = lead("01JDSWEEP0DLQD000000000001", LeadStatus.QUEUED_CRM);
        String noTask = lead("01JDSWEEP0TASK000000000001", LeadStatus.IN_CRM);
        jms.convertAndSend("lintas.dlq.crm", "{}", m -> {
            m.setStringProperty(QueueHeaders.LEAD_ID, deadLettered);
            return m;
        });
        StuckLeads sweep = sweep(Duration.ofSeconds(1), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));

        List<StuckLeads.Rehand> rehands = find(sweep);
        assertThat(rehands).extracting(StuckLeads.Rehand::leadId).contains(lost, noTask).doesNotContain(deadLettered);
        assertThat(rehands).filteredOn(r -> r.leadId().equals(noTask)).extracting(StuckLeads.Rehand::queue)
                .containsExactly("lintas.tasks");

        Exchange one = new DefaultExchange(camel);
        one.getMessage().setBody(rehands.stream().filter(r -> r.leadId().equals(lost)).findFirst().orElseThrow());
        sweep.rehand(one);
        assertThat(one.getMessage().getHeader("LintasTargetQueue")).isEqualTo("lintas.crm");
        assertThat(one.getMessage().getHeader(QueueHeaders.LEAD_ID)).isEqualTo(lost);
        assertThat(one.getMessage().getBody(String.class)).contains("\"id\":\"" + lost + "\"");
        assertThat(ledger.find(lost).orElseThrow().status()).as("the status stays").isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(ledger.find(lost).orElseThrow().journey()).extracting(JourneyEntry::status).contains(LeadStatus.REHANDED);

        List<StuckLeads.Rehand> later = find(sweep(Duration.ofSeconds(30), Clock.systemUTC()));
        assertThat(later).extracting(StuckLeads.Rehand::leadId).as("handed again just now: not stuck").doesNotContain(lost);
    }

    @Test
    void whileTheStageQueueHoldsAnythingEvenWhatABrowserCannotSeeNothingIsHandedToItAgain() {
        String standing = lead("01JDSWEEP0BUSY000000000001", LeadStatus.QUEUED_CRM);
        String noTask = lead("01JDSWEEP0BUSYTASK00000001", LeadStatus.IN_CRM);
        // like a message in a consumer's prefetch buffer or waiting out a redelivery delay: the broker counts it, a
        // queue browser does not list it
        jms.convertAndSend("lintas.crm", "{}", m -> {
            m.setStringProperty(QueueHeaders.LEAD_ID, standing);
            m.setLongProperty("_AMQ_SCHED_DELIVERY", System.currentTimeMillis() + 600_000);
            return m;
        });
        Boolean listed = jms.browse("lintas.crm", (session, browser) -> browser.getEnumeration().hasMoreElements());
        assertThat(listed).as("what a browser lists").isFalse();

        List<StuckLeads.Rehand> rehands = find(sweep(Duration.ofSeconds(1), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))));

        assertThat(rehands).extracting(StuckLeads.Rehand::queue).as("the busy CRM stage").doesNotContain("lintas.crm");
        assertThat(rehands).extracting(StuckLeads.Rehand::leadId).as("the idle task stage").contains(noTask);
    }

    private StuckLeads sweep(Duration stuckAfter, Clock clock) {
        return new StuckLeads(ledger, tenants, jms, new QueueDepths(jms.getConnectionFactory(), Duration.ofSeconds(5)),
                stuckAfter, clock);
    }

    private List<StuckLeads.Rehand> find(StuckLeads sweep) {
        Exchange found = new DefaultExchange(camel);
        sweep.find(found);
        @SuppressWarnings("unchecked")
        List<StuckLeads.Rehand> rehands = found.getMessage().getBody(List.class);
        return rehands;
    }

    private String lead(String id, String status) {
        Lead lead = new Lead(id, "acme", Channel.FORM, "html", null, Instant.now(),
                new Contact("Budi Santoso", "Budi", "Santoso", List.of("+6281234567890"), List.of(), null), null, null, null,
                Map.of(), null);
        ledger.insert(lead, status, List.of(), "application/json", new byte[0], List.of());
        return id;
    }
}
