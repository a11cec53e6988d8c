package io.lintas.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceRequest;
import io.lintas.delivery.DealInvoices;
import io.lintas.intake.CrmEvent;
import io.lintas.intake.IntakeRejected;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel side of the deal trigger, in the CRM-event consumer after the record was fetched and handed to the
 * pipeline: a deal in the tenant's invoice stage becomes an invoice request on {@code lintas.billing} (the same
 * JSON as the admin API's), in the same JMS transaction.
 */
public class DealInvoiceFlow {

    /** Exchange property: true when the body is now an invoice request for lintas.billing. */
    public static final String BILL = "lintasBillDeal";
    /** Exchange property: the fetched record's JSON, kept by {@link CrmEventFetch#toEnvelope}. */
    public static final String RECORD = "lintasCrmRecord";

    private static final Logger LOG = LoggerFactory.getLogger(DealInvoiceFlow.class);

    private final TenantRegistry tenants;
    private final DealInvoices invoices;
    private final ObjectMapper json;

    public DealInvoiceFlow(TenantRegistry tenants, DealInvoices invoices, ObjectMapper json) {
        this.tenants = tenants;
        this.invoices = invoices;
        this.json = json;
    }

    public void request(Exchange exchange) throws IOException {
        exchange.setProperty(BILL, false);
        CrmEvent event = exchange.getProperty(CrmEventFetch.EVENT, CrmEvent.class);
        String record = exchange.getProperty(RECORD, String.class);
        if (event == null || record == null || !"DEAL".equals(event.entity())) {
            return;
        }
        Tenant tenant = tenants.find(event.tenant()).orElse(null);
        JsonNode deal = json.readTree(record);
        if (tenant == null || !DealInvoices.billable(tenant, deal)) {
            return;
        }
        Optional<InvoiceRequest> request;
        try {
            request = invoices.request(tenant, deal, redelivered(exchange));
        } catch (IntakeRejected nothingToBill) {
            LOG.warn("deal {} of tenant {} is in the invoice stage but cannot be billed: {}", deal.path("ID").asText(),
                    tenant.id(), nothingToBill.getMessage());
            return;
        }
        if (request.isEmpty()) {
            LOG.info("deal {} of tenant {}: an invoice was asked for in stage {} already", deal.path("ID").asText(), tenant.id(),
                    deal.path("STAGE_ID").asText());
            return;
        }
        InvoiceRequest r = request.get();
        LOG.info("deal {} of tenant {} is in the invoice stage: invoice {} asked for", r.dealId(), tenant.id(), r.invoiceId());
        BillingFlow.toBillingQueue(exchange.getMessage(), r, "bitrix24", json.writeValueAsString(r));
        exchange.setProperty(BILL, true);
    }

    /** JMSRedelivered of the message as it came off the queue (the steps since have replaced the headers). */
    private static boolean redelivered(Exchange exchange) {
        UnitOfWork unitOfWork = exchange.getUnitOfWork();
        Message received = unitOfWork != null && unitOfWork.getOriginalInMessage() != null
                ? unitOfWork.getOriginalInMessage() : exchange.getIn();
        return Boolean.TRUE.equals(received.getHeader("JMSRedelivered", Boolean.class));
    }
}
