package io.lintas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LeadMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LeadMetrics metrics = new LeadMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LeadMetrics.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void aNewLeadIsReceivedAndNormalisedWithOneLinePerJourneyStage() {
        metrics.recorded("01JLEAD", "01JLEAD", "acme", "FORM", "tilda", "NEW");

        assertThat(count("lintas.leads.received", "tenant", "acme", "channel", "FORM")).isEqualTo(1);
        assertThat(count("lintas.leads.normalised", "tenant", "acme", "channel", "FORM")).isEqualTo(1);
        assertThat(count("lintas.leads.recorded", "tenant", "acme", "outcome", "new")).isEqualTo(1);
        assertThat(lines()).containsExactly(
                "lead 01JLEAD tenant=acme stage=RECEIVED detail=via tilda",
                "lead 01JLEAD tenant=acme stage=NORMALISED detail=FORM lead",
                "lead 01JLEAD tenant=acme stage=QUEUED_CRM detail=handed to lintas.crm");
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap()).containsEntry("leadId", "01JLEAD").containsEntry("tenant", "acme");
        });
        assertThat(MDC.get("leadId")).as("the MDC is left as it was").isNull();
    }

    @Test
    void aDuplicateIsReceivedButNotNormalisedAgainAndARedeliveryCountsNothing() {
        metrics.recorded("01JLEAD", "01JINTAKE2", "acme", "FORM", "tilda", "DUPLICATE");
        metrics.recorded("01JLEAD", "01JLEAD", "acme", "FORM", "tilda", "REDELIVERED");

        assertThat(count("lintas.leads.received", "tenant", "acme", "channel", "FORM")).isEqualTo(1);
        assertThat(registry.find("lintas.leads.normalised").counter()).isNull();
        assertThat(count("lintas.leads.recorded", "tenant", "acme", "outcome", "duplicate")).isEqualTo(1);
        assertThat(lines()).containsExactly("lead 01JLEAD tenant=acme stage=DUPLICATE detail=intake 01JINTAKE2 via tilda");
    }

    @Test
    void aDeliveryIsCountedPerConnectorWithItsLatencyFromIntake() {
        metrics.delivered("01JLEAD", "acme", "bitrix24", "lead", "Bitrix24 lead 7 created", NOW.minusSeconds(3));
        metrics.delivered("01JNONE", "acme", "bitrix24", "none", "the tenant has no CRM", NOW.minusSeconds(3));

        assertThat(count("lintas.leads.delivered", "tenant", "acme", "connector", "bitrix24")).isEqualTo(1);
        var timer = registry.find("lintas.lead.delivery.latency").tag("tenant", "acme").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(lines()).containsExactly("lead 01JLEAD tenant=acme stage=IN_CRM detail=Bitrix24 lead 7 created");
    }

    @Test
    void failuresAndDeadLettersAreCountedPerStageAndTenant() {
        metrics.failed("crm", "acme");
        metrics.failed("crm", "acme");
        metrics.deadLettered("crm", "acme", "01JLEAD");
        metrics.deadLettered("notify", null, null);

        assertThat(count("lintas.leads.failed", "tenant", "acme", "stage", "crm")).isEqualTo(2);
        assertThat(count("lintas.leads.dead_lettered", "tenant", "acme", "stage", "crm")).isEqualTo(1);
        assertThat(count("lintas.leads.dead_lettered", "tenant", "unknown", "stage", "notify")).isEqualTo(1);
        assertThat(lines()).containsExactly("lead 01JLEAD tenant=acme stage=DEAD_LETTERED detail=lintas.dlq.crm");
    }

    @Test
    void aStageDetailIsMasked() {
        metrics.stage("01JLEAD", "acme", "IN_CRM", "found by +6281234567890 and budi@example.co.id");
        assertThat(lines()).containsExactly("lead 01JLEAD tenant=acme stage=IN_CRM detail=found by ***890 and ***@example.co.id");
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
