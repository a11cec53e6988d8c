package io.lintas.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Kafka client settings Lintas has no key of its own for (security above all): every
 * {@code lintas.kafka.properties.<kafka-property>} is handed to each Kafka producer and consumer as is,
 * e.g. {@code lintas.kafka.properties.security.protocol=SASL_SSL},
 * {@code lintas.kafka.properties.sasl.mechanism=SCRAM-SHA-512},
 * {@code lintas.kafka.properties.sasl.jaas.config=...}. They win over Lintas's own choices.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClientConfig {

    @Bean
    ComponentCustomizer kafkaClientProperties(Environment environment) {
        Map<String, Object> properties = new LinkedHashMap<>(Binder.get(environment)
                .bind("lintas.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        return ComponentCustomizer.forType(KafkaComponent.class, kafka -> {
            if (!properties.isEmpty()) {
                Map<String, Object> merged = new LinkedHashMap<>();
                if (kafka.getConfiguration().getAdditionalProperties() != null) {
                    merged.putAll(kafka.getConfiguration().getAdditionalProperties());
                }
                merged.putAll(properties);
                kafka.getConfiguration().setAdditionalProperties(merged);
            }
        });
    }
}
