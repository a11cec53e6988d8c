package io.lintas.intake;

import io.lintas.lead.RawLead;

/**
 * What a form parser made of a verified request.
 *
 * @param kind          LEAD (queue it), PROBE (answer 200, make nothing) or SPAM (answer 200, record as spam)
 * @param sourceEventId the sender's idempotency key, or null when it sends none
 * @param lead          the mapped fields (null for PROBE)
 * @param spamReason    why it is spam (SPAM only)
 */
public record ParsedSubmission(Kind kind, String sourceEventId, RawLead lead, String spamReason) {

    public enum Kind { LEAD, PROBE, SPAM }

    public static ParsedSubmission lead(String sourceEventId, RawLead lead) {
        return new ParsedSubmission(Kind.LEAD, sourceEventId, lead, null);
    }

    public static ParsedSubmission probe() {
        return new ParsedSubmission(Kind.PROBE, null, null, null);
    }

    public static ParsedSubmission spam(String sourceEventId, RawLead lead, String reason) {
        return new ParsedSubmission(Kind.SPAM, sourceEventId, lead, reason);
    }
}
