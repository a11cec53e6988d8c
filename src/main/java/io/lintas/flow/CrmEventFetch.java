package io.lintas.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.Bitrix24RecordMapper;
import io.lintas.intake.CrmEvent;
import io.lintas.intake.IntakeEnvelope;
import io.lintas.ledger.LeadLedger;
import io.lintas.tenant.Bitrix24Config;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Camel side of the CRM-event consumer: says which record to fetch for an event, and turns the
 * fetched record into the envelope for the lead pipeline.
 */
public class CrmEventFetch {

    /** Exchange property: the event being followed up. */
    public static final String EVENT = "lintasCrmEvent";

    private final TenantRegistry tenants;
    private final Bitrix24RecordMapper mapper;
    private final LeadLedger ledger;
    private final ObjectMapper json;

    public CrmEventFetch(TenantRegistry tenants, Bitrix24RecordMapper mapper, LeadLedger ledger, ObjectMapper json) {
        this.tenants = tenants;
        this.mapper = mapper;
        this.ledger = ledger;
        this.json = json;
    }

    /** {@code crm.lead.get} or {@code crm.deal.get} with the record's id, on the tenant's portal. */
    public void prepare(Exchange exchange) throws IOException {
        CrmEvent event = json.readValue(exchange.getMessage().getBody(String.class), CrmEvent.class);
        Bitrix24Config portal = portal(event.tenant());
        exchange.setProperty(EVENT, event);
        exchange.setProperty(Bitrix24Rest.WEBHOOK_URL, portal.webhookUrl());
        exchange.setProperty(Bitrix24Rest.METHOD, event.entity().equals("DEAL") ? "crm.deal.get" : "crm.lead.get");
        exchange.setProperty(Bitrix24Rest.PARAMS, Map.of("id", event.entityId()));
        exchange.setProperty(Bitrix24Rest.PORTAL, portal.portalKey());
        exchange.setProperty(Bitrix24Rest.RATE_PLAN, portal.ratePlan());
    }

    /** The fetched record (the body, as the connector left it) → an envelope on the message. */
    public void toEnvelope(Exchange exchange) throws IOException {
        CrmEvent event = exchange.getProperty(EVENT, CrmEvent.class);
        Message message = exchange.getMessage();
        String recordJson = message.getBody(String.class);
        exchange.setProperty(DealInvoiceFlow.RECORD, recordJson);   // the deal trigger reads it after the hand-off
        JsonNode record = json.readTree(recordJson);
        if (record == null || !record.isObject()) {
            throw new IllegalStateException("Bitrix24 answered " + exchange.getProperty(Bitrix24Rest.METHOD)
                    + " with a result that is not a record");
        }
        IntakeEnvelope envelope = mapper.toEnvelope(event, record, recordJson.getBytes(StandardCharsets.UTF_8),
                key -> ledger.findBySourceEvent(event.tenant(), event.source(), key).isPresent());
        Tenant tenant = tenants.find(event.tenant()).orElseThrow();
        IntakeMessages.write(message, envelope, mapper.group(envelope, tenant.region()), json);
    }

    private Bitrix24Config portal(String tenantId) {
        Tenant tenant = tenants.find(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant '" + tenantId + "' is not configured"));
        if (tenant.bitrix24() == null) {
            throw new IllegalStateException("tenant '" + tenantId + "' has no Bitrix24 portal any more");
        }
        return tenant.bitrix24();
    }
}
