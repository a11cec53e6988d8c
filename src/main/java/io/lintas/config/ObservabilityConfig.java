package io.lintas.config;

import io.lintas.connector.Circuit;
import io.lintas.connector.Circuits;
import io.lintas.flow.ConnectorCalls;
import io.lintas.flow.DeadLetters;
import io.lintas.flow.LeadDelivery;
import io.lintas.flow.LeadMdc;
import io.lintas.flow.LeadPipeline;
import io.lintas.flow.Stages;
import io.lintas.metrics.LeadMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health, metrics and lead logs: the circuits of external connectors, the lead counters and latency
 * ({@link LeadMetrics}), queue depths of the embedded broker, the Kafka readiness check, and the MDC of
 * queue routes. Health groups and endpoint exposure are in application.yaml ({@code management.*}).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfig {

    @Bean
    Circuits connectorCircuits(@Value("${lintas.circuits.failure-threshold:5}") int failureThreshold,
            @Value("${lintas.circuits.open-for:30s}") Duration openFor, Clock clock, MeterRegistry registry) {
        Circuits circuits = new Circuits(failureThreshold, openFor, clock);
        circuits.onNewCircuit(circuit -> {
            Circuit.Snapshot made = circuit.snapshot();
            Gauge.builder("lintas.connector.circuit.state", circuit, c -> c.state().ordinal())
                    .description("circuit of a tenant's connector: 0 closed, 1 open, 2 half-open")
                    .tags("tenant", made.tenant(), "connector", made.connector())
                    .register(registry);
        });
        return circuits;
    }

    @Bean
    LeadMetrics leadMetrics(MeterRegistry registry, Clock clock) {
        return new LeadMetrics(registry, clock);
    }

    /** Camel picks EventNotifier beans up: every Kamelet call feeds its (tenant, connector) circuit. */
    @Bean
    ConnectorCalls connectorCalls(Circuits connectorCircuits, MeterRegistry registry) {
        return new ConnectorCalls(connectorCircuits, registry);
    }

    /** Camel picks RoutePolicyFactory beans up: lead id and tenant in the MDC while a route works on a message. */
    @Bean
    LeadMdc leadMdc() {
        return new LeadMdc();
    }

    /** The stage beans count and log through LeadMetrics (their one-line hooks). */
    @Bean
    SmartInitializingSingleton leadMetricsHooks(LeadMetrics leadMetrics, ObjectProvider<LeadPipeline> pipeline,
            ObjectProvider<LeadDelivery> delivery, ObjectProvider<DeadLetters> deadLetters) {
        return () -> {
            pipeline.ifAvailable(p -> p.observe(leadMetrics));
            delivery.ifAvailable(d -> d.observe(leadMetrics));
            deadLetters.ifAvailable(d -> d.observe(leadMetrics));
        };
    }

    /**
     * Readiness detail: the state of each (tenant, connector) circuit. Always UP: a CRM or payment outage
     * must not take the hub out of rotation, intakes still accept leads and the queues keep them; the
     * open circuits are listed under {@code open} (and in {@code lintas_connector_circuit_state}).
     */
    @Bean
    HealthIndicator connectorsHealthIndicator(Circuits connectorCircuits) {
        return () -> {
            Map<String, Object> circuits = new LinkedHashMap<>();
            List<String> open = new ArrayList<>();
            for (Circuit.Snapshot c : connectorCircuits.snapshots()) {
                String key = c.tenant() + "/" + c.connector();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("state", c.state().name());
                detail.put("consecutiveFailures", c.consecutiveFailures());
                detail.put("calls", c.calls());
                detail.put("failures", c.failures());
                if (c.openedAt() != null) {
                    detail.put("openedAt", c.openedAt().toString());
                }
                if (c.lastFailure() != null) {
                    detail.put("lastFailure", c.lastFailure());
                }
                circuits.put(key, detail);
                if (c.state() != Circuit.State.CLOSED) {
                    open.add(key);
                }
            }
            return Health.up().withDetail("open", open).withDetail("circuits", circuits).build();
        };
    }

    /** Readiness: Kafka answers (only when lintas.kafka.brokers is set). */
    @Bean
    @ConditionalOnExpression("!'${lintas.kafka.brokers:}'.isBlank()")
    KafkaHealthIndicator kafkaHealthIndicator(@Value("${lintas.kafka.brokers}") String brokers,
            @Value("${lintas.kafka.health-timeout:2s}") Duration timeout) {
        return new KafkaHealthIndicator(brokers, timeout);
    }

    /**
     * {@code lintas_queue_depth{queue}}: messages waiting on each stage queue and dead-letter queue of the
     * embedded broker, read from the broker's own counters when scraped (no browsing). An external
     * broker (LINTAS_ARTEMIS_MODE=native) reports its depths itself.
     */
    @Bean
    SmartInitializingSingleton queueDepthGauges(ObjectProvider<EmbeddedActiveMQ> embedded, MeterRegistry registry) {
        return () -> embedded.ifAvailable(broker -> {
            for (String stage : Stages.ALL) {
                for (String queue : List.of(Stages.queue(stage), Stages.deadLetterQueue(stage))) {
                    Gauge.builder("lintas.queue.depth", broker, b -> depth(b, queue))
                            .description("messages waiting on the queue (embedded broker)")
                            .tag("queue", queue)
                            .register(registry);
                }
            }
        });
    }

    static double depth(EmbeddedActiveMQ broker, String queue) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return Double.NaN;
        }
        Queue found = server.locateQueue(SimpleString.of(queue));
        return found == null ? Double.NaN : found.getMessageCount();
    }
}
