package io.lintas.lead;

import java.time.Instant;

/**
 * Where a lead came from: everything about it that is not its content.
 *
 * @param id            the lead id given at intake (ULID)
 * @param tenant        tenant id
 * @param channel       intake channel
 * @param source        sender kind (tilda, typeform, ...)
 * @param sourceEventId sender's idempotency key, or null
 * @param receivedAt    when the intake accepted it
 * @param rawPayloadRef where the raw payload is kept
 */
public record LeadOrigin(
        String id,
        String tenant,
        Channel channel,
        String source,
        String sourceEventId,
        Instant receivedAt,
        String rawPayloadRef) {
}
