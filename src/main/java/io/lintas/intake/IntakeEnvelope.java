package io.lintas.intake;

import io.lintas.lead.Channel;
import io.lintas.lead.RawLead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an intake puts on the persistent queue {@code lintas.intake}: the verified, parsed
 * submission and the exact bytes it came in, before any cleaning. The pipeline normalises it,
 * so a better normaliser applies to replayed messages too.
 *
 * @param id            the lead id (ULID) given at intake and returned to the sender
 * @param tenant        tenant id
 * @param channel       intake channel
 * @param source        sender kind (tilda, typeform, elementor, html, ...)
 * @param endpoint      which endpoint of the tenant took it (a form id, a mailbox, ...)
 * @param sourceEventId the sender's idempotency key, or null
 * @param receivedAt    when the intake accepted it
 * @param raw           mapped, uncleaned fields
 * @param spamReason    why this is spam, or null when it is not
 * @param contentType   the Content-Type it came with
 * @param payload       the exact bytes it came with
 * @param relatesTo     sender event ids of earlier intakes (same tenant and source) this one continues,
 *                      e.g. an email's In-Reply-To and References; empty when none
 * @param repeatWindow  how long the same phone or email counts as the same lead for this intake,
 *                      or null for the tenant's dedupe window (calls use their own)
 * @param skipReason    why this is not a lead at all (an auto-reply, bulk mail, ...): recorded as
 *                      skipped and not delivered; null when it is a lead
 */
public record IntakeEnvelope(
        String id,
        String tenant,
        Channel channel,
        String source,
        String endpoint,
        String sourceEventId,
        Instant receivedAt,
        RawLead raw,
        String spamReason,
        String contentType,
        byte[] payload,
        List<String> relatesTo,
        Duration repeatWindow,
        String skipReason) {

    public IntakeEnvelope {
        relatesTo = relatesTo == null ? List.of() : List.copyOf(relatesTo);
    }

    public boolean isSpam() {
        return spamReason != null;
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
