package io.lintas.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * A verified CRM event, as it waits on {@code lintas.crm-events} for its record to be fetched.
 * Only what identifies the change travels on: never the application token.
 *
 * @param id         the intake id (ULID) given on arrival
 * @param tenant     tenant id
 * @param source     the CRM ("bitrix24")
 * @param event      the event name (ONCRMLEADADD, ...)
 * @param entity     LEAD or DEAL
 * @param entityId   the record's id in the CRM
 * @param ts         the sender's {@code ts}, epoch seconds
 * @param memberId   the portal's member id
 * @param domain     the portal's domain
 * @param handlerId  the portal's event handler id, or null
 * @param receivedAt when the hub accepted it
 * @param data       the event's {@code data[...]} fields, flattened ({@code FIELDS.ID}); never auth
 */
public record CrmEvent(
        String id,
        String tenant,
        String source,
        String event,
        String entity,
        String entityId,
        long ts,
        String memberId,
        String domain,
        String handlerId,
        Instant receivedAt,
        Map<String, String> data) {

    public CrmEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /**
     * The sender's idempotency key (member_id + event + ID + ts, contract E3), hashed: the same
     * delivery twice gives the same key, so the broker keeps only the first.
     */
    public String deliveryKey() {
        String key = tenant + "|" + memberId + "|" + event + "|" + entity + "|" + entityId + "|" + ts;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Events about one record share a group, so they are handled one after the other, in order. */
    public String group() {
        return tenant + ":" + source + ":" + entity + ":" + entityId;
    }
}
