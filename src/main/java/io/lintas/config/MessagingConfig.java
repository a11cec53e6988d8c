package io.lintas.config;

import io.lintas.flow.Stages;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker's settings. Stage queues redeliver with an exponential delay on rollback
 * (so a failing lead waits without holding a consumer), and the broker moves a message to its
 * stage's dead-letter queue only as a last resort: normally the pipeline does that itself after
 * {@code lintas.redelivery.maximum-redeliveries}, with the failure reason.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfig {

    private static final long GLOBAL_MAX_SIZE = 256L * 1024 * 1024;

    @Bean
    ArtemisConfigurationCustomizer lintasBrokerSettings(LintasProperties properties) {
        LintasProperties.Redelivery redelivery = properties.redelivery();
        return configuration -> {
            configuration.setGlobalMaxSize(GLOBAL_MAX_SIZE);
            configuration.setJMXManagementEnabled(true);
            for (String stage : Stages.ALL) {
                configuration.addQueueConfiguration(anycastQueue(Stages.queue(stage)));
                configuration.addQueueConfiguration(anycastQueue(Stages.deadLetterQueue(stage)));
                configuration.addAddressSetting(Stages.queue(stage), new AddressSettings()
                        .setRedeliveryDelay(redelivery.initialDelay())
                        .setRedeliveryMultiplier(redelivery.multiplier())
                        .setMaxRedeliveryDelay(redelivery.maximumDelay())
                        // the route dead-letters after maximum-redeliveries; the broker only if a JVM kept dying
                        .setMaxDeliveryAttempts(redelivery.maximumRedeliveries() + 4)
                        .setDeadLetterAddress(SimpleString.of(Stages.deadLetterQueue(stage)))
                        .setDefaultGroupBuckets(1024));
            }
            configuration.addAddressSetting(Stages.deadLetterQueue("#"), new AddressSettings().setMaxDeliveryAttempts(-1));
        };
    }

    /**
     * The {@code jms:} component. Transacted stage consumers ({@code transacted=true}) use the listener's own
     * local JMS transaction, and a hand-off sent while handling a message goes out on that same session, so
     * the acknowledgement and the hand-off commit together. With Camel's default (a JmsTransactionManager made
     * on the fly) the cached consumer session acknowledged first and the transaction manager's session sent
     * second: a {@code kill -9} between the two commits lost the hand-off (the reliability harness found it;
     * JmsHandOffTest shows the single session).
     */
    @Bean
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.setLazyCreateTransactionManager(false);
        return jms;
    }

    private static QueueConfiguration anycastQueue(String name) {
        return QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }
}
