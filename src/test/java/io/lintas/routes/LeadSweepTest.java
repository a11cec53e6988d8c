package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The sweep behind the hand-offs (routes/lead-sweep.camel.yaml): a lead standing in QUEUED_CRM, or IN_CRM with a task
 * to come, with nothing for it on the stage queue, is handed again and the re-hand noted; one whose message is
 * waiting is left alone. (The delivery stages are stopped in this context, so queued messages stay put.)
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

    @Test
    void aLeadWhoseHandOffWasLostIsHandedAgainAndOneWaitingOnItsQueueIsNot() {
        String lost = lead("01JDSWEEP0LOST000000000001", LeadStatus.QUEUED_CRM);
        String waiting = lead("01JDSWEEP0WAIT000000000001", LeadStatus.QUEUED_CRM);
        String noTask = lead("01JDSWEEP0TASK000000000001", LeadStatus.IN_CRM);
        jms.convertAndSend("lintas.crm", "{}", m -> {
            m.setStringProperty(QueueHeaders.LEAD_ID, waiting);
            return m;
        });
        StuckLeads sweep = new StuckLeads(ledger, tenants, jms, Duration.ofSeconds(1),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));

        Exchange found = new DefaultExchange(camel);
        sweep.find(found);
        @SuppressWarnings("unchecked")
        List<StuckLeads.Rehand> rehands = found.getMessage().getBody(List.class);
        assertThat(rehands).extracting(StuckLeads.Rehand::leadId).contains(lost, noTask).doesNotContain(waiting);
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

        Exchange again = new DefaultExchange(camel);
        new StuckLeads(ledger, tenants, jms, Duration.ofSeconds(30), Clock.systemUTC()).find(again);
        @SuppressWarnings("unchecked")
        List<StuckLeads.Rehand> later = again.getMessage().getBody(List.class);
        assertThat(later).extracting(StuckLeads.Rehand::leadId).as("handed again just now: not stuck").doesNotContain(lost);
    }

    private String lead(String id, String status) {
        Lead lead = new Lead(id, "acme", Channel.FORM, "html", null, Instant.now(),
                new Contact("Budi Santoso", "Budi", "Santoso", List.of("+6281234567890"), List.of(), null), null, null, null,
                Map.of(), null);
        ledger.insert(lead, status, List.of(), "application/json", new byte[0], List.of());
        return id;
    }
}
