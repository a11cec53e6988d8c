package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** lintas.kafka.properties.* reach every Kafka client, from environment variables too (dotted Kafka names). */
class KafkaClientConfigTest {

    @Test
    void environmentVariablesBecomeKafkaClientProperties() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                "LINTAS_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "LINTAS_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "LINTAS_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;")));

        KafkaComponent kafka = customized(environment);

        assertThat(kafka.getConfiguration().getAdditionalProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
    }

    @Test
    void withoutAnyTheComponentIsLeftAlone() throws Exception {
        assertThat(customized(new StandardEnvironment()).getConfiguration().getAdditionalProperties()).isEmpty();
    }

    private static KafkaComponent customized(StandardEnvironment environment) throws Exception {
        ComponentCustomizer customizer = new KafkaClientConfig().kafkaClientProperties(environment);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            KafkaComponent kafka = new KafkaComponent(camel);
            customizer.configure("kafka", kafka);
            return kafka;
        }
    }
}
