package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.flow.DeadLetters;
import io.lintas.flow.LeadPipeline;
import io.lintas.flow.WebhookIntake;
import io.lintas.flow.WebhookReplies;
import io.lintas.intake.FormIntake;
import io.lintas.intake.FormParsers;
import io.lintas.lead.LeadNormalizer;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadRecorder;
import io.lintas.tenant.TenantRegistry;
import io.lintas.tenant.TenantsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the plain-Java core (lead, intake, ledger, tenant) into beans the routes name. */
@Configuration(proxyBeanMethods = false)
public class LintasConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TenantRegistry tenantRegistry(LintasProperties properties, ResourceLoader resources, Environment environment)
            throws IOException {
        String location = properties.tenants().file();
        String text = tenantsFile(location, resources).getContentAsString(StandardCharsets.UTF_8);
        return new TenantRegistry(TenantsFile.parse(location, text, environment::resolveRequiredPlaceholders));
    }

    /** Called by routes/tenants-reload.camel.yaml: an edited tenants file applies without a restart. */
    @Bean
    TenantsReload tenantsReload(LintasProperties properties, ResourceLoader resources, Environment environment,
            TenantRegistry registry) throws IOException {
        String location = properties.tenants().file();
        Resource file = tenantsFile(location, resources);
        return new TenantsReload(file, location, environment::resolveRequiredPlaceholders, registry,
                file.getContentAsString(StandardCharsets.UTF_8));
    }

    private static Resource tenantsFile(String location, ResourceLoader resources) {
        Resource file = resources.getResource(location.contains(":") ? location : "file:" + location);
        if (!file.exists()) {
            throw new IllegalStateException("Tenant configuration " + location
                    + " does not exist: set lintas.tenants.file (LINTAS_TENANTS_FILE) to a readable YAML file");
        }
        return file;
    }

    @Bean
    LeadNormalizer leadNormalizer() {
        return new LeadNormalizer();
    }

    @Bean
    FormIntake formIntake(TenantRegistry tenants, LeadNormalizer normalizer, Clock clock) {
        return new FormIntake(tenants, new FormParsers(), normalizer, clock,
                () -> UlidCreator.getMonotonicUlid().toString());
    }

    @Bean
    LeadLedger leadLedger(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        return new LeadLedger(jdbc, json, clock);
    }

    @Bean
    LeadRecorder leadRecorder(LeadLedger ledger, LeadNormalizer normalizer, TenantRegistry tenants,
            PlatformTransactionManager transactionManager, Clock clock) {
        return new LeadRecorder(ledger, normalizer, tenants, new TransactionTemplate(transactionManager), clock);
    }

    // --- beans the routes name ---------------------------------------------------------------

    @Bean
    WebhookIntake webhookIntake(FormIntake forms, ObjectMapper json) {
        return new WebhookIntake(forms, json);
    }

    @Bean
    WebhookReplies webhookReplies() {
        return new WebhookReplies();
    }

    @Bean
    LeadPipeline leadPipeline(LeadRecorder recorder, ObjectMapper json, io.lintas.notify.LeadEvents leadEvents) {
        return new LeadPipeline(recorder, json, leadEvents);
    }

    @Bean
    DeadLetters deadLetters(Clock clock, LintasProperties properties) {
        return new DeadLetters(clock, properties.redelivery().maximumRedeliveries());
    }

    @Bean
    WebhookHeaderFilter webhookHeaderFilter() {
        return new WebhookHeaderFilter();
    }

    /** Webhook bodies are read once, capped, and kept byte-exact for signature checks. */
    @Bean
    FilterRegistrationBean<RawBodyFilter> rawBodyFilter(LintasProperties properties) {
        FilterRegistrationBean<RawBodyFilter> registration =
                new FilterRegistrationBean<>(new RawBodyFilter(properties.intake().maxBodyBytes()));
        registration.addUrlPatterns("/hooks/*");
        registration.setOrder(-200);
        return registration;
    }
}
