package io.lintas.config;

import ch.qos.logback.classic.PatternLayout;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes {@code %m}, {@code %msg} and {@code %message} of every Logback pattern the masked
 * {@link MaskedMessageConverter}. Runs as an environment post-processor, before Spring Boot builds its
 * appenders (it does so when the environment is ready), so the console and file patterns use it.
 */
public class LogMasking implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        register();
    }

    static void register() {
        for (String word : new String[] {"m", "msg", "message"}) {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, MaskedMessageConverter::new);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
