package io.lintas.tenant;

import io.lintas.connector.jira.JiraSettings;
import io.lintas.routing.RoutingRules;
import io.lintas.routing.SlaPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client company served by this deployment. Tenants are data: flows are shared.
 *
 * @param id           URL-safe id used in webhook paths ({@code /hooks/{id}/...})
 * @param name         display name
 * @param region       default phone region, ISO 3166 alpha-2 (ID, RU, ...)
 * @param currency     ISO 4217 currency (IDR, RUB, ...)
 * @param timeZone     the tenant's time zone
 * @param dedupeWindow how long the same phone or email counts as the same lead
 * @param forms        web-form endpoints by form id
 * @param mailboxes    IMAP mailboxes whose mail becomes leads
 * @param calls        phone-system webhooks (Twilio, Zadarma, generic PBX)
 * @param bitrix24     the tenant's Bitrix24 portal, or null when it has none
 * @param api          lead API and Kafka intake settings
 * @param crm          where leads are delivered (CRM system, deal funnel, SOURCE_ID by channel)
 * @param tasks        where the dispatcher's task for a lead goes
 * @param jira         the tenant's Jira site, or null when it has none
 * @param sla          how soon a lead's task is due, in business time
 * @param routing      who is responsible for new records and tasks
 * @param notifications customer email/SMS and outbound webhooks, or null when the tenant sends none
 * @param billing      the tenant's payment provider, or null when it bills nothing
 */
public record Tenant(
        String id,
        String name,
        String region,
        String currency,
        ZoneId timeZone,
        Duration dedupeWindow,
        Map<String, FormConfig> forms,
        List<MailboxConfig> mailboxes,
        CallsConfig calls,
        Bitrix24Config bitrix24,
        ApiConfig api,
        CrmConfig crm,
        TaskSystem tasks,
        JiraSettings jira,
        SlaPolicy sla,
        RoutingRules routing,
        NotificationsConfig notifications,
        BillingConfig billing) {

    public Tenant {
        forms = forms == null ? Map.of() : Map.copyOf(forms);
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        crm = crm == null ? CrmConfig.NONE : crm;
        tasks = tasks == null ? TaskSystem.NONE : tasks;
        sla = sla == null ? SlaPolicy.DEFAULT : sla;
        routing = routing == null ? RoutingRules.NONE : routing;
    }

    /** A tenant whose leads are delivered nowhere (intake only). */
    public Tenant(String id, String name, String region, String currency, ZoneId timeZone, Duration dedupeWindow,
            Map<String, FormConfig> forms, List<MailboxConfig> mailboxes, CallsConfig calls, Bitrix24Config bitrix24,
            ApiConfig api) {
        this(id, name, region, currency, timeZone, dedupeWindow, forms, mailboxes, calls, bitrix24, api, null, null,
                null, null, null, null, null);
    }

    /** A tenant with web forms only (tests, and the smallest configuration). */
    public static Tenant withForms(String id, String name, String region, String currency, ZoneId timeZone,
            Duration dedupeWindow, Map<String, FormConfig> forms) {
        return new Tenant(id, name, region, currency, timeZone, dedupeWindow, forms, List.of(), null, null, null);
    }

    public Optional<FormConfig> form(String formId) {
        return Optional.ofNullable(forms.get(formId));
    }
}
