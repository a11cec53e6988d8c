package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.sandbox.SandboxServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * Without lintas.sandbox.enabled (the default, and production) there is no sandbox: no server
 * bean, no sandbox properties. Same context as the route tests, so it costs no start-up.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SandboxOffTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void noSandboxServerAndNoSandboxProperties() {
        assertThat(environment.getProperty("lintas.sandbox.enabled", Boolean.class)).isFalse();
        assertThat(context.getBeanNamesForType(SandboxServer.class)).isEmpty();
        assertThat(context.containsBean("sandboxConfig")).isFalse();
        assertThat(environment.getPropertySources().contains("lintasSandbox")).isFalse();
        assertThat(environment.getProperty("lintas.sandbox.bitrix24-url")).isNull();
        assertThat(environment.getProperty("lintas.sandbox.jira-url")).isNull();
        for (String key : new String[] {"xendit-url", "midtrans-url", "stripe-url", "twilio-url", "smtp-host", "smtp-port"}) {
            assertThat(environment.getProperty("lintas.sandbox." + key)).as(key).isNull();
        }
    }
}
