package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.connector.bitrix24.PortalRateLimiter;
import io.lintas.connector.jira.JiraIssues;
import io.lintas.delivery.CrmDelivery;
import io.lintas.delivery.LeadOrders;
import io.lintas.delivery.TaskDelivery;
import io.lintas.flow.Bitrix24KameletBatches;
import io.lintas.flow.ConnectorEndpoints;
import io.lintas.flow.LeadDelivery;
import io.lintas.flow.QueueDepths;
import io.lintas.flow.StuckLeads;
import io.lintas.ledger.LeadLedger;
import io.lintas.routing.RoundRobinPositions;
import io.lintas.tenant.TenantRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;

/** The delivery stage (routes/deliver-crm.camel.yaml): leads into Bitrix24, tasks into Bitrix24 or Jira. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfig {

    /** One group-commit lane per portal webhook for the JVM, behind the shared per-portal limiter. */
    @Bean
    PortalBatcher bitrix24Batcher(PortalRateLimiter bitrix24RateLimiter, ConnectorEndpoints endpoints, ObjectMapper json) {
        return new PortalBatcher(bitrix24RateLimiter, new Bitrix24KameletBatches(endpoints, json));
    }

    @Bean
    CrmDelivery crmDelivery(LeadLedger ledger, PortalBatcher bitrix24Batcher, RoundRobinPositions roundRobinPositions) {
        return new CrmDelivery(ledger, bitrix24Batcher, roundRobinPositions);
    }

    @Bean
    TaskDelivery taskDelivery(LeadLedger ledger, PortalBatcher bitrix24Batcher, JiraIssues jiraIssues,
            RoundRobinPositions roundRobinPositions) {
        return new TaskDelivery(ledger, bitrix24Batcher, jiraIssues, roundRobinPositions);
    }

    @Bean
    LeadDelivery leadDelivery(TenantRegistry tenants, CrmDelivery crmDelivery, TaskDelivery taskDelivery, LeadLedger ledger,
            ObjectMapper json) {
        return new LeadDelivery(tenants, crmDelivery, taskDelivery,
                new LeadOrders(ledger, () -> com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid().toString()), json);
    }

    /** The sweep behind the stage hand-offs (routes/lead-sweep.camel.yaml). */
    @Bean
    StuckLeads stuckLeads(LeadLedger ledger, TenantRegistry tenants, JmsTemplate jms, ConnectionFactory connectionFactory,
            @Value("${lintas.sweep.stuck-after}") Duration stuckAfter, Clock clock) {
        return new StuckLeads(ledger, tenants, jms, new QueueDepths(connectionFactory, Duration.ofSeconds(10)), stuckAfter,
                clock);
    }
}
