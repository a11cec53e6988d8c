package io.lintas.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a provider says happened to an invoice, after verification and the provider re-check.
 *
 * @param provider  xendit | midtrans | stripe
 * @param eventKey  the provider's event or payment id, the dedupe key (Xendit id+status, Midtrans
 *                  transaction_id+transaction_status, Stripe event id)
 * @param kind      what happened
 * @param amount    the total paid on the bill as the provider reports it (PAID), else null
 * @param at        when the provider says it happened (or when it was received)
 */
public record PaymentUpdate(String provider, String eventKey, Kind kind, BigDecimal amount, Instant at) {

    public enum Kind {
        /** Money received (possibly partial or more than due). */
        PAID,
        /** Still waiting: never changes anything (a late "pending" after a settlement is ignored). */
        PENDING,
        /** The provider expired the bill. */
        EXPIRED,
        /** A settlement was taken back (Midtrans deny after settlement, a chargeback, a refund). */
        REVERSED
    }
}
