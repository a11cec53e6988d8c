package io.lintas.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A lead as the ledger holds it.
 *
 * @param id           lead id
 * @param tenant       tenant id
 * @param status       latest status
 * @param receivedAt   when the intake accepted it
 * @param updatedAt    when the status last changed
 * @param lead         the canonical lead as JSON
 * @param journey      every status change in order (filled by {@link LeadLedger#find})
 * @param touches      intake ids folded into this lead, with their kind
 * @param externalRefs ids other systems gave it
 */
public record StoredLead(
        String id,
        String tenant,
        String status,
        Instant receivedAt,
        Instant updatedAt,
        JsonNode lead,
        List<JourneyEntry> journey,
        List<Touch> touches,
        List<ExternalRef> externalRefs) {

    /** An intake folded into this lead. */
    public record Touch(String intakeId, String kind, Instant at) {
    }

    /** An id another system gave this lead. */
    public record ExternalRef(String system, String kind, String externalId, Instant at) {
    }
}
