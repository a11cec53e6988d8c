package io.lintas.config;

import io.lintas.sandbox.SandboxUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code lintas.sandbox.enabled}, settles the sandbox's port before any bean exists and
 * publishes {@code lintas.sandbox.bitrix24-url}, {@code lintas.sandbox.jira-url}, {@code lintas.sandbox.xendit-url},
 * {@code lintas.sandbox.midtrans-url}, {@code lintas.sandbox.stripe-url}, {@code lintas.sandbox.twilio-url} and (mail server on, the default)
 * {@code lintas.sandbox.smtp-host} / {@code lintas.sandbox.smtp-port}, so the tenant
 * file's placeholders (resolved against the environment when the tenant registry is built) can
 * name them. The server itself is a bean ({@link SandboxConfig}) and lives and dies with the
 * context. Off (the default): nothing is added and nothing is bound.
 */
public class SandboxEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "lintasSandbox";
    /** The port the sandbox will bind (lintas.sandbox.port, or a free one found here). */
    static final String BOUND_PORT = "lintas.sandbox.bound-port";
    /** The port the sandbox's SMTP server will bind (lintas.sandbox.smtp.port, or a free one found here). */
    static final String SMTP_BOUND_PORT = "lintas.sandbox.smtp-port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("lintas.sandbox.enabled", Boolean.class, false)
                || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        int port = environment.getProperty("lintas.sandbox.port", Integer.class, 0);
        if (port == 0) {
            port = freeLoopbackPort();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(BOUND_PORT, port);
        properties.put("lintas.sandbox.bitrix24-url", SandboxUrls.bitrix24Url(port));
        properties.put("lintas.sandbox.jira-url", SandboxUrls.baseUrl(port));
        properties.put("lintas.sandbox.xendit-url", SandboxUrls.xenditUrl(port));
        properties.put("lintas.sandbox.midtrans-url", SandboxUrls.midtransUrl(port));
        properties.put("lintas.sandbox.stripe-url", SandboxUrls.stripeUrl(port));
        properties.put("lintas.sandbox.twilio-url", SandboxUrls.twilioUrl(port));
        if (environment.getProperty("lintas.sandbox.smtp.enabled", Boolean.class, true)) {
            int smtpPort = environment.getProperty("lintas.sandbox.smtp.port", Integer.class, 0);
            if (smtpPort == 0) {
                smtpPort = freeLoopbackPort();
            }
            properties.put(SMTP_BOUND_PORT, smtpPort);
            properties.put("lintas.sandbox.smtp-host", "127.0.0.1");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
    }

    /** After the config files are read (the dev profile's application-dev.yaml turns the sandbox on). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * A port nobody listens on now. The sandbox binds it moments later, when its bean starts; set
     * lintas.sandbox.port to avoid even that window.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("SANDBOX: no free port on 127.0.0.1", e);
        }
    }
}
