package io.lintas.config;

import io.lintas.sandbox.PaymentCallbacks;
import io.lintas.sandbox.SandboxServer;
import io.lintas.tenant.Secrets;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
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
    SandboxServer sandboxServer(Environment environment, ObjectProvider<TenantRegistry> tenants) {
        int port = environment.getRequiredProperty(SandboxEnvironment.BOUND_PORT, Integer.class);
        double rate = environment.getProperty("lintas.sandbox.bitrix24.rate", Double.class, 2.0);
        int burst = environment.getProperty("lintas.sandbox.bitrix24.burst", Integer.class, 50);
        int smtpPort = environment.getProperty(SandboxEnvironment.SMTP_BOUND_PORT, Integer.class, -1);
        return SandboxServer.start(port, rate, burst, Clock.systemUTC(), smtpPort, callbacks(environment, tenants));
    }

    /**
     * What a provider's dashboard would hold: the tenant billing with this provider and this secret key gets the
     * sandbox's payment callbacks at its own {@code /hooks/{tenant}/payments/{provider}} on this app (Xendit's
     * with the tenant's x-callback-token; Midtrans signs with the key itself; Stripe with the webhook secret).
     */
    static PaymentCallbacks callbacks(Environment environment, ObjectProvider<TenantRegistry> tenants) {
        return (provider, secretKey) -> tenants.getObject().all().stream()
                .filter(t -> t.billing() != null && provider.equals(t.billing().provider())
                        && Secrets.matches(t.billing().secretKey(), secretKey))
                .findFirst()
                .map(t -> {
                    String address = environment.getProperty("server.address", "127.0.0.1");
                    String host = address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address) ? "127.0.0.1" : address;
                    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                            + environment.getRequiredProperty("local.server.port") + "/hooks/" + t.id() + "/payments/" + provider;
                    Map<String, String> headers = "xendit".equals(provider)
                            ? Map.of("x-callback-token", t.billing().callbackToken()) : Map.of();
                    return new PaymentCallbacks.Target(url, headers, t.billing().webhookSecret());
                });
    }
}
