package io.lintas.lead;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical lead: one shape for every channel. Its JSON form is described by
 * {@code src/main/resources/schema/lead-v1.schema.json}.
 *
 * @param id            time-ordered id (ULID) given at intake
 * @param tenant        tenant id
 * @param channel       FORM, EMAIL, CALL, CRM or API
 * @param source        the sender's kind: tilda, typeform, elementor, html, twilio, imap, ...
 * @param sourceEventId the sender's idempotency key (Tilda tranid, Typeform token, ...), or null
 * @param receivedAt    when the intake accepted it
 * @param contact       the cleaned contact
 * @param message       what the person wrote, or null
 * @param utm           campaign tags
 * @param consent       true/false when the sender said, null when it did not
 * @param attributes    every other field, including values that failed cleaning
 * @param rawPayloadRef where the raw payload is kept ("ledger:payload/{id}")
 * @param order         what the lead asks to buy, cleaned, or null (none, or not billable as given: then the
 *                      attribute {@code order_invalid} says why)
 */
public record Lead(
        String id,
        String tenant,
        Channel channel,
        String source,
        String sourceEventId,
        Instant receivedAt,
        Contact contact,
        String message,
        Utm utm,
        Boolean consent,
        Map<String, String> attributes,
        String rawPayloadRef,
        Order order) {

    /** A lead without an order. */
    public Lead(String id, String tenant, Channel channel, String source, String sourceEventId, Instant receivedAt,
            Contact contact, String message, Utm utm, Boolean consent, Map<String, String> attributes, String rawPayloadRef) {
        this(id, tenant, channel, source, sourceEventId, receivedAt, contact, message, utm, consent, attributes,
                rawPayloadRef, null);
    }

    public Lead {
        utm = utm == null ? Utm.NONE : utm;
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A lead someone can act on has a phone, an email or at least a message. */
    public boolean canBeContacted() {
        return !contact.phones().isEmpty() || !contact.emails().isEmpty()
                || (message != null && !message.isBlank());
    }
}
