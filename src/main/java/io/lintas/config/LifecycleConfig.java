package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.billing.BillingLedger;
import io.lintas.flow.LifecycleRelay;
import io.lintas.ledger.LeadLedger;
import io.lintas.lifecycle.LifecycleOutbox;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lifecycle events to Kafka (lintas.lifecycle.*): only when lintas.kafka.brokers is set and
 * lintas.lifecycle.enabled is true. Otherwise no event is written at all (the ledgers keep their
 * no-op listeners) and routes/lifecycle-outbox.camel.yaml is not created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${lintas.kafka.brokers:}' != '' and '${lintas.lifecycle.enabled:true}' == 'true'")
public class LifecycleConfig {

    /** The outbox; the ledgers tell it of every change, in the change's transaction, from here on. */
    @Bean
    LifecycleOutbox lifecycleOutbox(JdbcTemplate jdbc, ObjectMapper json, Clock clock, LeadLedger leads, BillingLedger invoices,
            PlatformTransactionManager transactions, @Value("${lintas.lifecycle.lease:60000}") long leaseMs) {
        LifecycleOutbox outbox = new LifecycleOutbox(jdbc, json, clock, () -> UlidCreator.getMonotonicUlid().toString(),
                Duration.ofMillis(leaseMs));
        leads.listen(outbox, new TransactionTemplate(transactions));
        invoices.listen(outbox);
        return outbox;
    }

    @Bean
    LifecycleRelay lifecycleRelay(LifecycleOutbox outbox) {
        return new LifecycleRelay(outbox);
    }
}
