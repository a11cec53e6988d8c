package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.cluster.LeaseKeeper;
import io.lintas.flow.MailIntake;
import io.lintas.flow.MailboxRoutes;
import io.lintas.intake.EmailIntake;
import io.lintas.lead.LeadNormalizer;
import io.lintas.ledger.SqlAttachmentStore;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The email channel: mail intake, attachment store, and the per-mailbox consumer routes. */
@Configuration(proxyBeanMethods = false)
public class MailConfig {

    @Bean
    SqlAttachmentStore attachmentStore(JdbcTemplate jdbc, Clock clock) {
        return new SqlAttachmentStore(jdbc, clock);
    }

    @Bean
    EmailIntake emailIntake(TenantRegistry tenants, LeadNormalizer normalizer, SqlAttachmentStore attachments,
            Clock clock, @Value("${lintas.mail.max-raw-bytes:262144}") int maxRawBytes) {
        return new EmailIntake(tenants, normalizer, attachments, clock,
                () -> UlidCreator.getMonotonicUlid().toString(), maxRawBytes);
    }

    @Bean
    MailIntake mailIntake(EmailIntake intake, ObjectMapper json) {
        return new MailIntake(intake, json);
    }

    @Bean
    MailboxRoutes mailboxRoutes(CamelContext camel, TenantRegistry tenants,
            @Value("${lintas.mail.enabled:true}") boolean enabled, LeaseKeeper leaseKeeper) {
        return new MailboxRoutes(camel, tenants, enabled, leaseKeeper);
    }

    /**
     * Mailbox routes are made from a route template, so they start once Camel has loaded it, and in the
     * background: each is an IMAP consumer that takes a moment to start (about 0.2 s), and with a thousand
     * mailboxes the hub would otherwise report started, and ready for its webhooks, minutes later.
     */
    @Bean
    CamelContextConfiguration mailboxRoutesStarter(MailboxRoutes routes) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // the route template is not loaded yet
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                Thread starter = new Thread(routes::start, "mailbox-routes-start");
                starter.setDaemon(true);
                starter.start();
            }
        };
    }
}
