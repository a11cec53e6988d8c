package io.lintas.ledger;

/**
 * What the ledger made of one intake envelope.
 *
 * @param kind     what happened
 * @param leadId   the lead it is now part of
 * @param leadJson the canonical lead to hand on, when {@link Kind#deliver()} is true
 */
public record Recorded(Kind kind, String leadId, String leadJson) {

    public enum Kind {
        /** A new lead: hand it to the next stage. */
        NEW(true),
        /** This very envelope was recorded before (a redelivery): hand it on again, the next stage is idempotent. */
        REDELIVERED(true),
        /** Spam: kept, not delivered. */
        SPAM(false),
        /** Not a lead (an auto-reply, bulk mail, ...): kept with the reason, not delivered. */
        SKIPPED(false),
        /** Continues an earlier intake (an email reply, ...): added to that lead's journey. */
        REPLY(false),
        /** The sender's event id was seen before: folded into that lead. */
        DUPLICATE(false),
        /** The same phone or email within the tenant's window: a second touch on that lead. */
        REPEAT(false);

        private final boolean deliver;

        Kind(boolean deliver) {
            this.deliver = deliver;
        }

        public boolean deliver() {
            return deliver;
        }
    }
}
