package io.lintas.config;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the console shows of the embedded broker: its queues (depth, consumers, messages) are MBeans
 * in the platform MBeanServer under {@code org.apache.activemq.artemis:broker="lintas"}, which
 * Hawtio's Artemis and JMX views and Jolokia read. JMX management itself is switched on in
 * MessagingConfig; here the broker gets its name.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfig {

    static final String DOMAIN = "org.apache.activemq.artemis";

    @Bean
    ArtemisConfigurationCustomizer consoleBrokerName(@Value("${lintas.console.broker-name:lintas}") String name) {
        return configuration -> {
            configuration.setJMXManagementEnabled(true);
            configuration.setName(freeBrokerName(ManagementFactory.getPlatformMBeanServer(), name));
        };
    }

    /**
     * {@code name}, or {@code name-2}, {@code name-3}... when a broker of that name is already in
     * the MBeanServer: two hubs in one JVM (tests keep several application contexts) would
     * otherwise take each other's MBeans away when one of them stops.
     */
    static String freeBrokerName(MBeanServer server, String name) {
        String candidate = name;
        for (int i = 2; isRegistered(server, candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    private static boolean isRegistered(MBeanServer server, String broker) {
        try {
            return server.isRegistered(new ObjectName(DOMAIN + ":broker=" + ObjectName.quote(broker)));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("lintas.console.broker-name is not usable in a JMX name: " + broker, e);
        }
    }
}
