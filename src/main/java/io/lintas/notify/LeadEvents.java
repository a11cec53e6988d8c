package io.lintas.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code lead.created} outbound webhook: queued (one {@code webhook_delivery} row per subscribed URL) once the
 * pipeline has committed a NEW lead. Queuing is one insert: the subscriber is called later by the dispatcher
 * (routes/notify-webhooks.camel.yaml), so a slow or failing subscriber never holds up the pipeline. The lead id is
 * the event key, so the same lead queued again (a redelivered intake message) adds no second delivery.
 */
public class LeadEvents {

    public static final String LEAD_CREATED = "lead.created";

    private final TenantRegistry tenants;
    private final OutboundWebhooks webhooks;
    private final ObjectMapper json;

    public LeadEvents(TenantRegistry tenants, OutboundWebhooks webhooks, ObjectMapper json) {
        this.tenants = tenants;
        this.webhooks = webhooks;
        this.json = json;
    }

    /**
     * @param leadJson the canonical lead as recorded (schema/lead-v1.schema.json): it becomes the event's {@code data}
     * @return how many deliveries were added (0: nobody subscribed, or queued before)
     */
    public int created(String tenantId, String leadId, String leadJson) {
        Tenant tenant = tenants.find(tenantId).orElse(null);
        if (tenant == null || tenant.notifications() == null || tenant.notifications().subscribers(LEAD_CREATED).isEmpty()) {
            return 0;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leadId", leadId);
        try {
            data.put("lead", json.readValue(leadJson, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("lead " + leadId + " is not readable JSON", e);
        }
        return webhooks.publish(tenant, LEAD_CREATED, leadId, data);
    }
}
