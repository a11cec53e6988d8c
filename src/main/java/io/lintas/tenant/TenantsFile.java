package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.lintas.connector.jira.JiraSettings;
import io.lintas.routing.RoutingRules;
import io.lintas.routing.SlaPolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads tenants from YAML text and checks them. Problems are collected and reported together,
 * so an operator fixes the file in one go; the application refuses to start on any of them.
 * Secrets in the file are {@code ${ENV_VAR}} placeholders, resolved by the caller's resolver.
 */
public final class TenantsFile {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofHours(24);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)); // a blank "- " entry is a problem, not an NPE

    private TenantsFile() {
    }

    /**
     * @param source   a name for error messages (the file's location)
     * @param text     the file's text
     * @param resolver resolves {@code ${...}} placeholders; throws IllegalArgumentException on a missing one
     */
    public static List<Tenant> parse(String source, String text, UnaryOperator<String> resolver) {
        List<String> problems = new ArrayList<>();
        FileModel model;
        try {
            model = YAML.readValue(text, FileModel.class);
        } catch (Exception unreadable) {
            String detail = unreadable.getMessage() == null ? unreadable.toString() : unreadable.getMessage().lines().findFirst().orElse("");
            throw new InvalidTenantConfiguration(source, List.of("not readable as tenant YAML: " + detail));
        }
        if (model == null || model.tenants == null || model.tenants.isEmpty()) {
            throw new InvalidTenantConfiguration(source, List.of("no tenants defined (expected a 'tenants:' list)"));
        }
        List<Tenant> tenants = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < model.tenants.size(); i++) {
            TenantModel t = model.tenants.get(i);
            String where = "tenant #" + (i + 1) + (t.id == null ? "" : " '" + t.id + "'");
            UnaryOperator<String> resolve = reportingResolver(resolver, where, problems);
            if (!resolvePlaceholders(t, resolve, problems)) {
                continue;
            }
            Tenant tenant = check(t, where, resolve, problems);
            if (tenant != null && !ids.add(tenant.id())) {
                problems.add(where + ": duplicate id");
            } else if (tenant != null) {
                tenants.add(tenant);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTenantConfiguration(source, problems);
        }
        return tenants;
    }

    /** A resolver that reports a missing placeholder as a problem and gives null for it. */
    private static UnaryOperator<String> reportingResolver(UnaryOperator<String> resolver, String where,
            List<String> problems) {
        return value -> {
            if (value == null) {
                return null;
            }
            try {
                return resolver.apply(value);
            } catch (IllegalArgumentException unresolved) {
                problems.add(where + ": " + unresolved.getMessage());
                return null;
            }
        };
    }

    /**
     * Placeholders are resolved per value, after parsing, so a secret's characters never break the YAML.
     * The sections (mailboxes, calls, bitrix24, api) resolve their own values when they are checked.
     */
    private static boolean resolvePlaceholders(TenantModel t, UnaryOperator<String> r, List<String> problems) {
        int before = problems.size();
        t.id = r.apply(t.id);
        t.name = r.apply(t.name);
        t.region = r.apply(t.region);
        t.currency = r.apply(t.currency);
        t.timeZone = r.apply(t.timeZone);
        t.dedupeWindow = r.apply(t.dedupeWindow);
        if (t.forms != null) {
            for (FormModel f : t.forms) {
                f.token = r.apply(f.token);
                f.apiKey = r.apply(f.apiKey);
                f.apiKeyHeader = r.apply(f.apiKeyHeader);
                f.secret = r.apply(f.secret);
                f.honeypot = r.apply(f.honeypot);
            }
        }
        return problems.size() == before;
    }

    private static Tenant check(TenantModel t, String where, UnaryOperator<String> resolve, List<String> problems) {
        int before = problems.size();
        if (t.id == null || !TENANT_ID.matcher(t.id).matches()) {
            problems.add(where + ": id must be lower-case letters, digits and dashes (got " + t.id + ")");
        }
        if (t.name == null || t.name.isBlank()) {
            problems.add(where + ": name is required");
        }
        String region = t.region == null ? null : t.region.toUpperCase(Locale.ROOT);
        if (region == null || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            problems.add(where + ": region must be an ISO 3166 country code with a phone plan, e.g. ID or RU (got " + t.region + ")");
        }
        if (t.currency == null || !validCurrency(t.currency)) {
            problems.add(where + ": currency must be an ISO 4217 code, e.g. IDR (got " + t.currency + ")");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(t.timeZone == null ? "" : t.timeZone);
        } catch (DateTimeException e) {
            problems.add(where + ": time-zone must be a zone id such as Asia/Jakarta (got " + t.timeZone + ")");
        }
        Duration window = DEFAULT_DEDUPE_WINDOW;
        if (t.dedupeWindow != null) {
            try {
                window = Duration.parse(t.dedupeWindow.startsWith("P") ? t.dedupeWindow : "PT" + t.dedupeWindow.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                problems.add(where + ": dedupe-window must be a duration such as 24h or PT30M (got " + t.dedupeWindow + ")");
            }
        }
        Map<String, FormConfig> forms = new LinkedHashMap<>();
        if (t.forms != null) {
            for (FormModel f : t.forms) {
                FormConfig form = checkForm(f, where, problems);
                if (form != null && forms.putIfAbsent(form.id(), form) != null) {
                    problems.add(where + ": form '" + form.id() + "' defined twice");
                }
            }
        }
        List<MailboxConfig> mailboxes = MailboxConfig.check(t.mailboxes, where, resolve, problems);
        CallsConfig calls = CallsConfig.check(t.calls, where, resolve, problems);
        Bitrix24Config bitrix24 = Bitrix24Config.check(t.bitrix24, where, resolve, problems);
        ApiConfig api = ApiConfig.check(t.api, where, resolve, problems);
        NotificationsConfig notifications = NotificationsConfig.check(t.notifications, where, resolve, problems);
        CrmConfig crm = CrmConfig.check(t.crm, where, resolve, problems);
        TaskSystem tasks = taskSystem(resolve.apply(t.tasks), where, problems);
        JiraSettings jira = JiraSettings.check(t.jira, where, resolve, problems);
        SlaPolicy sla = SlaPolicy.check(t.sla, where, resolve, problems);
        RoutingRules routing = RoutingRules.check(t.routing, where, resolve, problems);
        BillingConfig billing = BillingConfig.check(t.billing, where, resolve, problems);
        if (problems.size() > before) {
            return null;
        }
        checkDelivery(where, bitrix24, crm, tasks, jira, routing, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Tenant(t.id, t.name.trim(), region, t.currency.toUpperCase(Locale.ROOT), zone, window, forms,
                mailboxes, calls, bitrix24, api, crm, tasks, jira, sla, routing, notifications, billing);
    }

    private static TaskSystem taskSystem(String text, String where, List<String> problems) {
        if (text == null) {
            return TaskSystem.NONE;
        }
        try {
            return TaskSystem.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": tasks must be bitrix24, jira or none (got " + text + ")");
            return null;
        }
    }

    /** The delivery sections must fit together: a CRM or task system needs its connection. */
    private static void checkDelivery(String where, Bitrix24Config bitrix24, CrmConfig crm, TaskSystem tasks,
            JiraSettings jira, RoutingRules routing, List<String> problems) {
        if (crm.system() == CrmConfig.CrmSystem.BITRIX24 && bitrix24 == null) {
            problems.add(where + ": crm.system bitrix24 needs the tenant's bitrix24 section (webhook-url, domain, ...)");
        }
        if (tasks == TaskSystem.BITRIX24) {
            if (bitrix24 == null) {
                problems.add(where + ": tasks bitrix24 needs the tenant's bitrix24 section");
            }
            if (routing.dispatchers() == null && crm.responsible() == null) {
                problems.add(where + ": tasks bitrix24 needs a responsible user: routing.dispatchers or crm.responsible");
            }
        }
        if (tasks == TaskSystem.JIRA && jira == null) {
            problems.add(where + ": tasks jira needs the tenant's jira section");
        }
    }

    private static FormConfig checkForm(FormModel f, String tenantWhere, List<String> problems) {
        String where = tenantWhere + ", form " + (f.id == null ? "(no id)" : "'" + f.id + "'");
        int before = problems.size();
        if (f.id == null || !TENANT_ID.matcher(f.id).matches()) {
            problems.add(where + ": id must be lower-case letters, digits and dashes");
        }
        FormKind kind = null;
        try {
            kind = FormKind.valueOf(String.valueOf(f.kind).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": kind must be one of tilda, typeform, elementor, html (got " + f.kind + ")");
        }
        if (kind == FormKind.HTML && blank(f.token)) {
            problems.add(where + ": an html form needs a token");
        }
        if (kind == FormKind.ELEMENTOR && blank(f.token)) {
            problems.add(where + ": an elementor form needs a token (Elementor signs nothing)");
        }
        if (kind == FormKind.TYPEFORM && blank(f.secret)) {
            problems.add(where + ": a typeform form needs the webhook secret");
        }
        if (problems.size() > before) {
            return null;
        }
        return new FormConfig(f.id, kind, emptyToNull(f.token), emptyToNull(f.apiKey), f.apiKeyHeader,
                emptyToNull(f.secret), emptyToNull(f.honeypot), f.fields);
    }

    private static boolean validCurrency(String code) {
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s;
    }

    /** The whole file. */
    static final class FileModel {
        public List<TenantModel> tenants;
    }

    static final class TenantModel {
        public String id;
        public String name;
        public String region;
        public String currency;
        @JsonProperty("time-zone")
        public String timeZone;
        @JsonProperty("dedupe-window")
        public String dedupeWindow;
        public List<FormModel> forms;
        public List<MailboxConfig.Model> mailboxes;
        public CallsConfig.Model calls;
        public Bitrix24Config.Model bitrix24;
        public ApiConfig.Model api;
        public CrmConfig.Model crm;
        /** bitrix24 | jira | none. */
        public String tasks;
        public JiraSettings.Model jira;
        public SlaPolicy.Model sla;
        public RoutingRules.Model routing;
        public NotificationsConfig.Model notifications;
        public BillingConfig.Model billing;
    }

    static final class FormModel {
        public String id;
        public String kind;
        public String token;
        @JsonProperty("api-key")
        public String apiKey;
        @JsonProperty("api-key-header")
        public String apiKeyHeader;
        public String secret;
        public String honeypot;
        public Map<String, String> fields;
    }
}
