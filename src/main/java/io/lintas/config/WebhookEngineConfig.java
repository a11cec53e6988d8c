package io.lintas.config;

import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhook routes run on the servlet container's request thread. Camel's default engine hands
 * each request to Spring's task executor instead, which adds a thread hand-off to every webhook
 * and caps concurrent durable sends at that pool's size; the container's pool
 * ({@code server.tomcat.threads.max}) already bounds concurrency.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookEngineConfig {

    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME) // the name platform-http looks up
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }
}
