package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.connector.bitrix24.Bitrix24Requests;
import io.lintas.connector.bitrix24.Bitrix24Responses;
import io.lintas.connector.bitrix24.PortalRateLimiter;
import io.lintas.flow.Bitrix24Rest;
import io.lintas.flow.CrmEventFetch;
import io.lintas.flow.CrmEventIntake;
import io.lintas.intake.Bitrix24EventIntake;
import io.lintas.intake.Bitrix24RecordMapper;
import io.lintas.lead.LeadNormalizer;
import io.lintas.ledger.LeadLedger;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Bitrix24 connector (one rate limiter per portal for the whole JVM) and the CRM-event
 * intake that uses it: beans named by connectors/bitrix24-rest-action.kamelet.yaml and
 * routes/intake-crm-bitrix24.camel.yaml.
 */
@Configuration(proxyBeanMethods = false)
public class CrmEventsConfig {

    static final int CONNECT_TIMEOUT_MS = 10_000;

    /**
     * How camel-http's client is built for Bitrix24 calls ({@code httpClientConfigurer} in the
     * connector): HttpClient's own retry of 503 and 429 is off, since it would hide
     * QUERY_LIMIT_EXCEEDED from the limiter and the backoff; a request ends after 60 s on the
     * portal, so we wait a little longer for its answer ({@code lintas.bitrix24.response-timeout}, 65 s).
     */
    @Bean
    HttpClientConfigurer bitrix24HttpClient(
            @Value("${lintas.bitrix24.response-timeout:65s}") Duration responseTimeout) {
        return builder -> builder
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS))
                        .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout.toMillis()))
                        .build());
    }

    /** Only Content-Type, Accept and User-Agent go out to a portal. */
    @Bean
    Bitrix24HeaderFilter bitrix24HttpHeaders() {
        return new Bitrix24HeaderFilter();
    }

    @Bean
    Bitrix24Rest bitrix24Rest(ObjectMapper json, PortalRateLimiter bitrix24RateLimiter, Clock clock) {
        return new Bitrix24Rest(new Bitrix24Requests(json), new Bitrix24Responses(json), bitrix24RateLimiter, clock);
    }

    @Bean
    CrmEventIntake crmEventIntake(TenantRegistry tenants, Clock clock, ObjectMapper json) {
        return new CrmEventIntake(new Bitrix24EventIntake(tenants, clock, () -> UlidCreator.getMonotonicUlid().toString()),
                json);
    }

    @Bean
    CrmEventFetch crmEventFetch(TenantRegistry tenants, LeadNormalizer normalizer, LeadLedger ledger, ObjectMapper json) {
        return new CrmEventFetch(tenants, new Bitrix24RecordMapper(normalizer), ledger, json);
    }
}
