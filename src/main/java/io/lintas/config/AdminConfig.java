package io.lintas.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lintas.admin.DeadLetterAudit;
import io.lintas.admin.DeadLetterQueues;
import io.lintas.admin.ManagedTenants;
import io.lintas.tenant.SecretCipher;
import io.lintas.tenant.TenantRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * The admin API's state: the dead-letter queues with their audit, and the tenants managed through
 * /api/tenants (table managed_tenant; secrets encrypted with lintas.secrets.key, LINTAS_SECRETS_KEY).
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfig {

    private static final Logger LOG = LoggerFactory.getLogger(AdminConfig.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Bean
    DeadLetterAudit deadLetterAudit(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        return new DeadLetterAudit(jdbc, json, clock);
    }

    @Bean
    DeadLetterQueues deadLetterQueues(JmsTemplate jms, ConnectionFactory connectionFactory, DeadLetterAudit audit) {
        return new DeadLetterQueues(jms, connectionFactory, audit);
    }

    /**
     * Loaded at start (the tenants in the table are served from the first request; one that does
     * not load stops the start, naming it) and again on every lintas.tenants.reload-interval by
     * routes/tenants-managed-reload.camel.yaml.
     */
    @Bean
    ManagedTenants managedTenants(JdbcTemplate jdbc, TenantRegistry registry, LintasProperties properties,
            ResourceLoader resources, ObjectMapper json, Clock clock, @Value("${lintas.secrets.key:}") String key) {
        SecretCipher cipher = null;
        if (key == null || key.isBlank()) {
            LOG.warn("LINTAS_SECRETS_KEY is not set: the admin API stores tenants without secrets only");
        } else {
            try {
                cipher = SecretCipher.fromBase64(key);
            } catch (IllegalArgumentException wrong) {
                throw new IllegalStateException(wrong.getMessage() + " (lintas.secrets.key)");
            }
        }
        ManagedTenants tenants = new ManagedTenants(jdbc, registry, cipher,
                fileDocuments(properties.tenants().file(), resources), json, clock);
        tenants.start();
        return tenants;
    }

    /** A tenant of the tenants file as it is written there (placeholders unresolved), for showing it. */
    private static Function<String, Optional<ObjectNode>> fileDocuments(String location, ResourceLoader resources) {
        return id -> {
            try {
                String text = resources.getResource(location.contains(":") ? location : "file:" + location).getContentAsString(StandardCharsets.UTF_8);
                for (JsonNode tenant : YAML.readTree(text).path("tenants")) {
                    if (tenant instanceof ObjectNode object && id.equals(tenant.path("id").asText(null))) {
                        return Optional.of(object);
                    }
                }
            } catch (Exception unreadable) {
                LOG.warn("Tenants file {} cannot be read to show tenant '{}': {}", location, id, unreadable.toString());
            }
            return Optional.empty();
        };
    }
}
