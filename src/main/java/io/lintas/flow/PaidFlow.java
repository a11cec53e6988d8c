package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceSettled;
import io.lintas.delivery.PaidFollowUp;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import org.apache.camel.Exchange;

/** Camel side of the on-PAID follow-ups: reads the {@link InvoiceSettled} on lintas.paid and runs what is not done yet. */
public class PaidFlow {

    /** Exchange property: the steps done for the transition so far, for the log. */
    public static final String STEPS = "lintasPaidSteps";

    private final TenantRegistry tenants;
    private final PaidFollowUp followUp;
    private final ObjectMapper json;

    public PaidFlow(TenantRegistry tenants, PaidFollowUp followUp, ObjectMapper json) {
        this.tenants = tenants;
        this.followUp = followUp;
        this.json = json;
    }

    public void settle(Exchange exchange) throws IOException {
        InvoiceSettled settled = json.readValue(exchange.getMessage().getBody(String.class), InvoiceSettled.class);
        Tenant tenant = tenants.find(settled.tenant()).orElseThrow(() -> new IllegalStateException("invoice "
                + settled.invoiceId() + " belongs to tenant '" + settled.tenant() + "', which is no longer configured"));
        exchange.setProperty(STEPS, followUp.settle(tenant, settled));
    }
}
