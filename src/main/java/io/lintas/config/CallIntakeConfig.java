package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.flow.CallWebhooks;
import io.lintas.intake.CallIntake;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The phone-system channel: Twilio, Zadarma and the generic PBX contract (routes/intake-calls.camel.yaml). */
@Configuration(proxyBeanMethods = false)
public class CallIntakeConfig {

    @Bean
    CallIntake callIntake(TenantRegistry tenants, LeadNormalizer normalizer, Clock clock) {
        return new CallIntake(tenants, normalizer, clock, () -> UlidCreator.getMonotonicUlid().toString());
    }

    @Bean
    CallWebhooks callWebhooks(CallIntake calls, ObjectMapper json) {
        return new CallWebhooks(calls, json);
    }
}
