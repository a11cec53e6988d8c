package io.lintas.config;

import io.lintas.flow.ConnectorEndpoints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import io.lintas.billing.Billing;
import io.lintas.billing.BillingLedger;
import io.lintas.billing.FixedVaLedger;
import io.lintas.billing.PaymentWebhooks;
import io.lintas.connector.billing.BillingTransport;
import io.lintas.connector.billing.MidtransCharges;
import io.lintas.connector.billing.StripeInvoices;
import io.lintas.connector.billing.XenditFixedVas;
import io.lintas.connector.billing.XenditInvoices;
import io.lintas.flow.BillingFlow;
import io.lintas.flow.BillingKameletTransport;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Billing: invoices at Xendit, Midtrans or Stripe, the payment callbacks and the customer notices. */
@Configuration(proxyBeanMethods = false)
public class PaymentsConfig {

    private static final Supplier<String> ULIDS = () -> UlidCreator.getMonotonicUlid().toString();

    /**
     * The billing connectors' HTTP client. Apache HttpClient re-sends a request answered 429 or 503 by itself,
     * POSTs included: a create could reach the provider twice. Failures come back to Lintas instead, which looks
     * the invoice up before it creates again.
     */
    @Bean
    HttpClientConfigurer billingHttpClient() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    @Bean
    BillingTransport billingTransport(ConnectorEndpoints endpoints) {
        return new BillingKameletTransport(endpoints);
    }

    @Bean
    BillingLedger billingLedger(JdbcTemplate jdbc, Clock clock) {
        return new BillingLedger(jdbc, clock);
    }

    @Bean
    Billing billing(TenantRegistry tenants, BillingLedger ledger, BillingTransport transport, ObjectMapper json,
            PlatformTransactionManager transactionManager, JdbcTemplate jdbc, Clock clock) {
        XenditFixedVas fixedVas = new XenditFixedVas(new FixedVaLedger(jdbc, clock), transport, json);
        return new Billing(tenants, ledger, List.of(new XenditInvoices(transport, json, fixedVas), new MidtransCharges(transport, json),
                new StripeInvoices(transport, json)), new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    PaymentWebhooks paymentWebhooks(TenantRegistry tenants, BillingLedger ledger, ObjectMapper json, Clock clock) {
        return new PaymentWebhooks(tenants, ledger, json, clock, ULIDS);
    }

    @Bean
    BillingFlow billingFlow(Billing billing, PaymentWebhooks webhooks, TenantRegistry tenants, ObjectMapper json) {
        return new BillingFlow(billing, webhooks, tenants, json, ULIDS);
    }
}
