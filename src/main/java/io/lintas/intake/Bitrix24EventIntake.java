package io.lintas.intake;

import io.lintas.connector.bitrix24.PhpBrackets;
import io.lintas.tenant.Bitrix24Config;
import io.lintas.tenant.Secrets;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Bitrix24 outbound webhooks and event handlers ({@code POST /hooks/{tenant}/crm/bitrix24},
 * contract A6): the form body in PHP bracket notation is read from the raw bytes, the application
 * token is compared in constant time, the portal's member id and domain must be the tenant's, and
 * {@code ts} must lie within the replay window (Bitrix24 signs nothing and sends no nonce).
 * Events the tenant does not take are acknowledged and dropped: Bitrix24 never retries anyway.
 */
public class Bitrix24EventIntake {

    public static final String SOURCE = "bitrix24";
    private static final Pattern ENTITY_ID = Pattern.compile("[0-9]{1,18}");

    private final TenantRegistry tenants;
    private final Clock clock;
    private final Supplier<String> ids;

    public Bitrix24EventIntake(TenantRegistry tenants, Clock clock, Supplier<String> ids) {
        this.tenants = tenants;
        this.clock = clock;
        this.ids = ids;
    }

    /** What to do with a verified request: queue the event, or only acknowledge it. */
    public record Decision(CrmEvent event, String note) {
        public boolean enqueue() {
            return event != null;
        }
    }

    /**
     * @throws IntakeRejected 404 unknown tenant or no portal, 415 not a form body, 400 malformed,
     *                        401 wrong token, foreign portal or stale {@code ts}
     */
    public Decision receive(String tenantId, InboundRequest request) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        Bitrix24Config portal = tenant.bitrix24();
        if (portal == null) {
            throw IntakeRejected.notFound("no Bitrix24 portal configured for this tenant");
        }
        Map<String, Object> body = PhpBrackets.parse(FormBody.decode(request, Set.of(FormBody.Type.URLENCODED)));
        String token = PhpBrackets.text(body, "auth", "application_token");
        if (token == null || token.isEmpty()) {
            throw IntakeRejected.unauthorized("auth[application_token] is missing");
        }
        if (!Secrets.matches(portal.applicationToken(), token)) {
            throw IntakeRejected.unauthorized("auth[application_token] does not match the tenant's outbound webhook");
        }
        String memberId = PhpBrackets.text(body, "auth", "member_id");
        if (!Secrets.matches(portal.memberId(), memberId)) {
            throw IntakeRejected.unauthorized("auth[member_id] is not the tenant's portal");
        }
        String domain = PhpBrackets.text(body, "auth", "domain");
        if (domain == null || !portal.domain().equals(domain.strip().toLowerCase(Locale.ROOT))) {
            throw IntakeRejected.unauthorized("auth[domain] is not the tenant's portal");
        }
        Instant now = clock.instant();
        long ts = timestamp(PhpBrackets.text(body, "ts"));
        Duration age = Duration.between(Instant.ofEpochSecond(ts), now);
        if (age.abs().compareTo(portal.replayWindow()) > 0) {
            throw IntakeRejected.unauthorized("stale event: ts is " + age.abs().toSeconds() + " s "
                    + (age.isNegative() ? "ahead of" : "behind") + " the hub's clock, outside the replay window of "
                    + portal.replayWindow().toSeconds() + " s");
        }
        String event = PhpBrackets.text(body, "event");
        if (event == null || event.isBlank()) {
            throw IntakeRejected.badRequest("event is missing");
        }
        event = event.strip().toUpperCase(Locale.ROOT);
        if (!portal.takes(event)) {
            return new Decision(null, "event " + (event.length() <= 64 ? event : "(too long)") + " is not taken by this tenant");
        }
        String entityId = PhpBrackets.text(body, "data", "FIELDS", "ID");
        if (entityId == null || !ENTITY_ID.matcher(entityId.strip()).matches()) {
            throw IntakeRejected.badRequest("data[FIELDS][ID] is missing or not a number");
        }
        String entity = event.startsWith("ONCRMDEAL") ? "DEAL" : "LEAD";
        CrmEvent crmEvent = new CrmEvent(ids.get(), tenant.id(), SOURCE, event, entity, entityId.strip(), ts,
                memberId, portal.domain(), PhpBrackets.text(body, "event_handler_id"), now,
                flatten(PhpBrackets.map(body, "data")));
        return new Decision(crmEvent, "queued");
    }

    private static long timestamp(String ts) {
        if (ts == null || ts.isBlank()) {
            throw IntakeRejected.unauthorized("ts is missing: the event's age cannot be checked");
        }
        try {
            return Long.parseLong(ts.strip());
        } catch (NumberFormatException e) {
            throw IntakeRejected.unauthorized("ts is not a Unix time in seconds");
        }
    }

    /** {@code {FIELDS={ID=7}}} → {@code {FIELDS.ID=7}}; at most a few dozen short values. */
    static Map<String, String> flatten(Map<String, Object> data) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", data, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            if (out.size() >= 50) {
                return;
            }
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, out);
            } else if (e.getValue() instanceof String s && key.length() <= 200) {
                out.put(key, s.length() <= 1000 ? s : s.substring(0, 1000));
            }
        }
    }
}
