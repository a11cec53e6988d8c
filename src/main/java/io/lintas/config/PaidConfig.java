package io.lintas.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.billing.Billing;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.delivery.DealInvoices;
import io.lintas.flow.DealInvoiceFlow;
import io.lintas.delivery.PaidFollowUp;
import io.lintas.delivery.TaskDelivery;
import io.lintas.flow.PaidFlow;
import io.lintas.ledger.FollowUpMarkers;
import io.lintas.ledger.LeadLedger;
import io.lintas.notify.LeadEvents;
import io.lintas.notify.OutboundWebhooks;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The on-PAID follow-ups (routes/billing-paid.camel.yaml): deal stage, comment, task, manager; the deal trigger for invoices; the lead.created webhook. */
@Configuration(proxyBeanMethods = false)
public class PaidConfig {

    /** The lead.created outbound webhook, queued by the lead pipeline (LeadPipeline) after a NEW lead is committed. */
    @Bean
    LeadEvents leadEvents(TenantRegistry tenants, OutboundWebhooks outboundWebhooks, ObjectMapper json) {
        return new LeadEvents(tenants, outboundWebhooks, json);
    }

    /** The deal trigger: a Bitrix24 deal in the tenant's invoice stage → an invoice request on lintas.billing. */
    @Bean
    DealInvoices dealInvoices(Billing billing, PortalBatcher bitrix24Batcher, LeadLedger ledger, FollowUpMarkers followUpMarkers) {
        return new DealInvoices(billing, bitrix24Batcher, ledger, followUpMarkers,
                () -> UlidCreator.getMonotonicUlid().toString());
    }

    @Bean
    DealInvoiceFlow dealInvoiceFlow(TenantRegistry tenants, DealInvoices dealInvoices, ObjectMapper json) {
        return new DealInvoiceFlow(tenants, dealInvoices, json);
    }

    @Bean
    FollowUpMarkers followUpMarkers(JdbcTemplate jdbc, Clock clock) {
        return new FollowUpMarkers(jdbc, clock);
    }

    @Bean
    PaidFollowUp paidFollowUp(LeadLedger ledger, FollowUpMarkers followUpMarkers, PortalBatcher bitrix24Batcher,
            TaskDelivery taskDelivery, PlatformTransactionManager transactionManager) {
        return new PaidFollowUp(ledger, followUpMarkers, bitrix24Batcher, taskDelivery, new TransactionTemplate(transactionManager));
    }

    @Bean
    PaidFlow paidFlow(TenantRegistry tenants, PaidFollowUp paidFollowUp, ObjectMapper json) {
        return new PaidFlow(tenants, paidFollowUp, json);
    }
}
