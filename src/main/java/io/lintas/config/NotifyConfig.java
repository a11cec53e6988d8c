package io.lintas.config;

import io.lintas.flow.ConnectorEndpoints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.flow.CamelEmailSender;
import io.lintas.flow.CustomerNotices;
import io.lintas.flow.KameletSmsTransport;
import io.lintas.flow.KameletWebhookTransport;
import io.lintas.notify.CustomerNotifier;
import io.lintas.notify.EmailSender;
import io.lintas.notify.NoticeComposer;
import io.lintas.notify.NoticeTemplates;
import io.lintas.notify.NotificationLog;
import io.lintas.notify.OutboundWebhooks;
import io.lintas.notify.SmsTransport;
import io.lintas.notify.WebhookDeliveries;
import io.lintas.notify.WebhookTransport;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Customer notifications (email, SMS) and outbound webhooks: lintas.notify.* in application.yaml. */
@Configuration(proxyBeanMethods = false)
public class NotifyConfig {

    @Bean
    NotificationLog notificationLog(JdbcTemplate jdbc, Clock clock) {
        return new NotificationLog(jdbc, clock);
    }

    @Bean
    WebhookDeliveries webhookDeliveries(JdbcTemplate jdbc, Clock clock) {
        return new WebhookDeliveries(jdbc, clock);
    }

    @Bean
    NoticeComposer noticeComposer() {
        return new NoticeComposer(new NoticeTemplates());
    }

    @Bean
    EmailSender emailSender(ProducerTemplate producer, @Value("${lintas.notify.smtp.timeout:15000}") int timeout) {
        return new CamelEmailSender(producer, timeout);
    }

    @Bean
    SmsTransport smsTransport(ConnectorEndpoints endpoints, @Value("${lintas.notify.sms.timeout:15000}") int timeout) {
        return new KameletSmsTransport(endpoints, timeout);
    }

    /**
     * The SMS connectors' HTTP client. Apache HttpClient re-sends a request answered 429/503 by itself:
     * an SMS could go out twice. Failures come back to Lintas, which decides.
     */
    @Bean
    HttpClientConfigurer smsHttpClient() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    /** The webhook-post-action connector's HTTP client: no silent re-sends, and a 3xx is an answer, not a hop. */
    @Bean
    HttpClientConfigurer webhookHttpClient() {
        return builder -> builder.disableAutomaticRetries().disableRedirectHandling();
    }

    @Bean
    WebhookTransport webhookTransport(ConnectorEndpoints endpoints, @Value("${lintas.notify.webhooks.timeout:15000}") long timeout) {
        return new KameletWebhookTransport(endpoints, timeout);
    }

    @Bean
    OutboundWebhooks outboundWebhooks(TenantRegistry tenants, WebhookDeliveries deliveries, WebhookTransport transport,
            ObjectMapper json, Clock clock,
            @Value("${lintas.notify.webhooks.backoff:5s,5m,30m,2h,5h,10h,14h,20h,24h}") String backoff,
            @Value("${lintas.notify.webhooks.lease:60000}") long lease) {
        return new OutboundWebhooks(tenants, deliveries, transport, schedule(backoff), Duration.ofMillis(lease), clock, json,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    CustomerNotifier customerNotifier(TenantRegistry tenants, NoticeComposer composer, NotificationLog log, EmailSender email,
            SmsTransport sms, OutboundWebhooks webhooks, Clock clock,
            @Value("${lintas.notify.smtp.host:}") String host,
            @Value("${lintas.notify.smtp.port:587}") int port,
            @Value("${lintas.notify.smtp.tls:starttls}") String tls,
            @Value("${lintas.notify.smtp.username:}") String username,
            @Value("${lintas.notify.smtp.password:}") String password,
            @Value("${lintas.notify.smtp.from:}") String from,
            @Value("${lintas.notify.in-flight:30000}") long inFlight) {
        NotificationsConfig.Smtp global = host.isBlank() ? null : new NotificationsConfig.Smtp(host, port,
                NotificationsConfig.Tls.valueOf(tls.toUpperCase(Locale.ROOT)), username.isBlank() ? null : username,
                password.isBlank() ? null : password);
        return new CustomerNotifier(tenants, composer, log, email, sms, webhooks, global, from.isBlank() ? null : from, clock,
                Duration.ofMillis(inFlight));
    }

    @Bean
    CustomerNotices customerNotices(ObjectMapper json, CustomerNotifier notifier) {
        return new CustomerNotices(json, notifier);
    }

    /** "5s,5m,30m,2h" → durations. */
    static List<Duration> schedule(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Duration.parse(s.matches("\\d+ms") ? "PT" + (Double.parseDouble(s.replace("ms", "")) / 1000) + "S"
                        : "PT" + s.toUpperCase(Locale.ROOT)))
                .toList();
    }
}
