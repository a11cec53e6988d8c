package io.lintas.config;

import io.lintas.sandbox.SandboxServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The dev sandbox: Bitrix24 and Jira stand-ins (WireMock, in this JVM, on 127.0.0.1) for the
 * default run. Only with {@code lintas.sandbox.enabled=true} (the dev profile); production never
 * sets it, and then no WireMock class is even loaded. Port and URLs come from
 * {@link SandboxEnvironment}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lintas.sandbox.enabled", havingValue = "true")
public class SandboxConfig {

    @Bean(destroyMethod = "close")
    SandboxServer sandboxServer(Environment environment) {
        int port = environment.getRequiredProperty(SandboxEnvironment.BOUND_PORT, Integer.class);
        double rate = environment.getProperty("lintas.sandbox.bitrix24.rate", Double.class, 2.0);
        int burst = environment.getProperty("lintas.sandbox.bitrix24.burst", Integer.class, 50);
        return SandboxServer.start(port, rate, burst);
    }
}
