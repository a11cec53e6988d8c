package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The sandbox's port and URLs are settled in the environment, before any bean, only when it is enabled. */
class SandboxEnvironmentTest {

    final SandboxEnvironment processor = new SandboxEnvironment();

    StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void offAddsNothing() {
        StandardEnvironment environment = environment(Map.of());
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources().contains(SandboxEnvironment.SOURCE)).isFalse();
        assertThat(environment.resolvePlaceholders("${lintas.sandbox.bitrix24-url:https://portal.example/rest/1/code}"))
                .isEqualTo("https://portal.example/rest/1/code");
    }

    @Test
    void aGivenPortIsUsedForBothUrls() {
        StandardEnvironment environment = environment(Map.of("lintas.sandbox.enabled", "true", "lintas.sandbox.port", "18099"));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("lintas.sandbox.bitrix24-url")).isEqualTo("http://127.0.0.1:18099/rest/1/sandboxtoken/");
        assertThat(environment.getProperty("lintas.sandbox.jira-url")).isEqualTo("http://127.0.0.1:18099");
        assertThat(environment.resolveRequiredPlaceholders("${lintas.sandbox.bitrix24-url:${OTHER:x}}"))
                .isEqualTo("http://127.0.0.1:18099/rest/1/sandboxtoken/");
    }

    @Test
    void portZeroPicksAFreeLoopbackPort() {
        StandardEnvironment environment = environment(Map.of("lintas.sandbox.enabled", "true"));
        processor.postProcessEnvironment(environment, new SpringApplication());
        int port = environment.getRequiredProperty(SandboxEnvironment.BOUND_PORT, Integer.class);
        assertThat(port).isBetween(1, 65535);
        assertThat(environment.getProperty("lintas.sandbox.bitrix24-url")).isEqualTo("http://127.0.0.1:" + port + "/rest/1/sandboxtoken/");
    }
}
