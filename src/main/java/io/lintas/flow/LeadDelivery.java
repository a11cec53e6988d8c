package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceRequest;
import io.lintas.delivery.CrmDelivery;
import io.lintas.delivery.LeadOrders;
import io.lintas.delivery.TaskDelivery;
import io.lintas.lead.Lead;
import io.lintas.metrics.LeadMetrics;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import org.apache.camel.Exchange;

/** Camel side of the delivery stage: reads the lead on lintas.crm / lintas.tasks and delivers it. */
public class LeadDelivery {

    /** Exchange property: true when the lead goes on to the task stage. */
    public static final String TASK = "lintasTask";
    /** Exchange property: the invoice request for the lead's order (an {@link InvoiceRequest}), when it is billable. */
    public static final String INVOICE = "lintasInvoice";

    private final TenantRegistry tenants;
    private final CrmDelivery crm;
    private final TaskDelivery tasks;
    private final LeadOrders orders;
    private final ObjectMapper json;
    private LeadMetrics metrics = LeadMetrics.NONE;

    public LeadDelivery(TenantRegistry tenants, CrmDelivery crm, TaskDelivery tasks, LeadOrders orders, ObjectMapper json) {
        this.tenants = tenants;
        this.crm = crm;
        this.tasks = tasks;
        this.orders = orders;
        this.json = json;
    }

    /** Counts and logs what this step did (io.lintas.metrics); set by ObservabilityConfig. */
    public void observe(LeadMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The lead into the tenant's CRM; sets {@link #TASK} when a task should follow and {@link #INVOICE} when the
     * lead's order is to be invoiced.
     */
    public void crm(Exchange exchange) throws IOException {
        Lead lead = lead(exchange);
        Tenant tenant = tenant(lead);
        CrmDelivery.Delivered delivered = crm.deliver(tenant, lead);
        metrics.delivered(lead.id(), tenant.id(), CrmDelivery.SYSTEM, delivered.kind(), delivered.detail(), lead.receivedAt());
        exchange.setProperty(TASK, TaskDelivery.wanted(tenant));
        orders.invoice(tenant, lead, delivered).ifPresent(request -> exchange.setProperty(INVOICE, request));
    }

    /** The invoice request as the message for {@code lintas.billing} (the invoice API's headers and grouping). */
    public void invoice(Exchange exchange) throws IOException {
        InvoiceRequest request = exchange.getProperty(INVOICE, InvoiceRequest.class);
        BillingFlow.toBillingQueue(exchange.getMessage(), request, "lead", json.writeValueAsString(request));
    }

    /** The dispatcher's task for the lead. */
    public void task(Exchange exchange) throws IOException {
        Lead lead = lead(exchange);
        tasks.deliver(tenant(lead), lead).ifPresent(t -> metrics.stage(lead.id(), lead.tenant(), "TASK_CREATED", t.detail()));
    }

    private Lead lead(Exchange exchange) throws IOException {
        return json.readValue(exchange.getMessage().getBody(String.class), Lead.class);
    }

    private Tenant tenant(Lead lead) {
        return tenants.find(lead.tenant()).orElseThrow(() -> new IllegalStateException(
                "lead " + lead.id() + " belongs to tenant '" + lead.tenant() + "', which is no longer configured"));
    }
}
