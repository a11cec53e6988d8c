package io.lintas.metrics;

import io.lintas.lead.Redaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens to leads, counted and logged in one place: the pipeline, the delivery stage and the
 * dead-lettering call it once each (one line at their hook), after the step is done.
 *
 * <p>Metrics (Prometheus names): {@code lintas_leads_received_total{tenant,channel}},
 * {@code lintas_leads_recorded_total{tenant,channel,outcome}}, {@code lintas_leads_normalised_total{tenant,channel}},
 * {@code lintas_leads_delivered_total{tenant,connector}}, {@code lintas_leads_failed_total{tenant,stage}} (an
 * attempt that will be redelivered), {@code lintas_leads_dead_lettered_total{tenant,stage}}, and the timer
 * {@code lintas_lead_delivery_latency_seconds{tenant}} from intake ({@code receivedAt}) to IN_CRM, with histogram
 * buckets.
 *
 * <p>Logs: one INFO line per journey stage, {@code lead <id> tenant=<t> stage=<STAGE> detail=<masked>}, with
 * {@code leadId} and {@code tenant} in the MDC while it is written (JSON logs carry them as fields).
 */
public class LeadMetrics {

    /** Logs stages but keeps no meters: for classes built without metrics (unit tests). */
    public static final LeadMetrics NONE = new LeadMetrics(new CompositeMeterRegistry(), Clock.systemUTC());

    public static final String MDC_LEAD = "leadId";
    public static final String MDC_TENANT = "tenant";

    private static final Logger LOG = LoggerFactory.getLogger(LeadMetrics.class);
    private static final Duration[] SLOS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Clock clock;

    public LeadMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The pipeline recorded an intake (after its ledger transaction committed).
     *
     * @param kind the {@code Recorded.Kind} name: NEW, DUPLICATE, REPEAT, REPLY, SPAM, SKIPPED or REDELIVERED
     */
    public void recorded(String leadId, String intakeId, String tenant, String channel, String source, String kind) {
        if ("REDELIVERED".equals(kind)) {
            return; // the same intake again after a lost commit: counted and logged the first time
        }
        counter("lintas.leads.received", "tenant", tenant, "channel", channel).increment();
        counter("lintas.leads.recorded", "tenant", tenant, "channel", channel, "outcome", lower(kind)).increment();
        switch (kind) {
            case "NEW" -> {
                counter("lintas.leads.normalised", "tenant", tenant, "channel", channel).increment();
                stage(leadId, tenant, "RECEIVED", "via " + source);
                stage(leadId, tenant, "NORMALISED", channel + " lead");
                stage(leadId, tenant, "QUEUED_CRM", "handed to lintas.crm");
            }
            case "SPAM", "SKIPPED" -> {
                stage(leadId, tenant, "RECEIVED", "via " + source);
                stage(leadId, tenant, kind, "kept, not delivered");
            }
            default -> stage(leadId, tenant, kind, "intake " + intakeId + " via " + source);
        }
    }

    /**
     * The delivery stage put the lead into the tenant's CRM.
     *
     * @param kind what it became there (lead, deal); {@code none}: the tenant has no CRM, nothing is counted
     */
    public void delivered(String leadId, String tenant, String connector, String kind, String detail, Instant receivedAt) {
        if (kind == null || "none".equals(kind)) {
            return;
        }
        counter("lintas.leads.delivered", "tenant", tenant, "connector", connector).increment();
        if (receivedAt != null) {
            Duration latency = Duration.between(receivedAt, clock.instant());
            if (!latency.isNegative()) {
                Timer.builder("lintas.lead.delivery.latency")
                        .description("from intake (receivedAt) to IN_CRM")
                        .tag("tenant", tag(tenant))
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(SLOS)
                        .minimumExpectedValue(Duration.ofMillis(10))
                        .maximumExpectedValue(Duration.ofHours(2))
                        .register(registry)
                        .record(latency);
            }
        }
        stage(leadId, tenant, "IN_CRM", detail);
    }

    /** An attempt of a queue stage failed; the broker redelivers it later (the route logs the reason). */
    public void failed(String stage, String tenant) {
        counter("lintas.leads.failed", "tenant", tenant, "stage", stage).increment();
    }

    /**
     * A message went to its stage's dead-letter queue (the route logs the reason at WARN).
     *
     * @param id the message's {@code LintasLeadId}: a lead, an invoice or a CRM event, as the stage works on
     */
    public void deadLettered(String stage, String tenant, String id) {
        counter("lintas.leads.dead_lettered", "tenant", tenant, "stage", stage).increment();
        if (id != null) {
            stage(id, tenant, "DEAD_LETTERED", "lintas.dlq." + stage);
        }
    }

    /** One INFO line for a journey stage, with the lead id and the tenant in the MDC and in the message. */
    public void stage(String leadId, String tenant, String stage, String detail) {
        String previousLead = MDC.get(MDC_LEAD);
        String previousTenant = MDC.get(MDC_TENANT);
        MDC.put(MDC_LEAD, leadId);
        MDC.put(MDC_TENANT, tenant);
        try {
            LOG.info("lead {} tenant={} stage={} detail={}", leadId, tenant, stage, Redaction.mask(detail));
        } finally {
            restore(MDC_LEAD, previousLead);
            restore(MDC_TENANT, previousTenant);
        }
    }

    private Counter counter(String name, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = tag(tags[i]);
        }
        return registry.counter(name, tags);
    }

    private static String tag(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
