package io.lintas.config;

import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where connectors (Kamelets) are found. There is no kamelet starter in our registry, so the
 * {@code camel.component.kamelet.location} key would not bind: set it here from
 * {@code lintas.connectors.location}.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorsConfig {

    @Bean
    ComponentCustomizer kameletLocation(@Value("${lintas.connectors.location}") String location) {
        return ComponentCustomizer.forType(KameletComponent.class, kamelets -> kamelets.setLocation(location));
    }
}
