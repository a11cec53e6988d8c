package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.flow.ApiIntake;
import io.lintas.intake.LeadApiIntake;
import io.lintas.intake.LeadDocumentReader;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerMapping;

/** Wires the lead API ({@code POST /api/leads}) and the Kafka intake. */
@Configuration(proxyBeanMethods = false)
public class ApiIntakeConfig {

    @Bean
    LeadApiIntake leadApiIntake(TenantRegistry tenants, LeadNormalizer normalizer, Clock clock) {
        return new LeadApiIntake(tenants, new LeadDocumentReader(), normalizer, clock,
                () -> UlidCreator.getMonotonicUlid().toString());
    }

    @Bean
    ApiIntake apiIntake(LeadApiIntake intake, ObjectMapper json, Clock clock) {
        return new ApiIntake(intake, json, clock);
    }

    /** The lead API's body is read once, capped like a webhook's (413 above lintas.intake.max-body-bytes). */
    @Bean
    FilterRegistrationBean<RawBodyFilter> apiRawBodyFilter(LintasProperties properties) {
        FilterRegistrationBean<RawBodyFilter> registration =
                new FilterRegistrationBean<>(new RawBodyFilter(properties.intake().maxBodyBytes()));
        registration.setName("apiRawBodyFilter");
        registration.addUrlPatterns("/api/leads");
        registration.setOrder(-200);
        return registration;
    }

    /** POST /api/leads is a Camel route, GET /api/leads an admin controller: see {@link SharedPathHandlerMapping}. */
    @Bean
    SharedPathHandlerMapping sharedPathHandlerMapping(ObjectProvider<CamelRequestHandlerMapping> camel,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> mvc) {
        return new SharedPathHandlerMapping(camel::getObject, mvc::getObject);
    }
}
