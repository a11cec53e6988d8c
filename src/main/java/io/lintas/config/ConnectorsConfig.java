package io.lintas.config;

import io.lintas.flow.ConnectorEndpoints;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where connectors (Kamelets) are found, and how Java code calls them. There is no kamelet starter in our registry, so the
 * {@code camel.component.kamelet.location} key would not bind: set it here from
 * {@code lintas.connectors.location}.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorsConfig {

    @Bean
    ComponentCustomizer kameletLocation(@Value("${lintas.connectors.location}") String location) {
        return ComponentCustomizer.forType(KameletComponent.class, kamelets -> kamelets.setLocation(location));
    }

    /** How Java calls connectors: endpoints made off the caller's thread, so a route stop never deadlocks on one. */
    @Bean
    ConnectorEndpoints connectorEndpoints(CamelContext camel, ProducerTemplate producer,
            @Value("${lintas.connectors.start-wait:5000}") long startWait) {
        return new ConnectorEndpoints(camel, producer, startWait);
    }
}
