package io.lintas.billing;

import java.math.BigDecimal;

/**
 * The invoice state machine, plain Java. Given where the invoice stands and one verified provider update,
 * says what the invoice becomes. Duplicates (an event key already applied) and out-of-order updates
 * (an expiry after the payment, a "pending" after a settlement) change nothing, so however the callbacks
 * arrive, each real change happens once.
 *
 * <ul>
 *   <li>PENDING + PAID: an update reports the total paid on the bill; PAID when it covers the amount (FULL or
 *       OVER), else stays PENDING with a PARTIAL payment recorded; a total not above what is recorded changes nothing;</li>
 *   <li>EXPIRED + PAID: money arrived late; it is never ignored: treated as from PENDING (a late payment);</li>
 *   <li>PAID + PAID with a higher total: stays PAID, the extra money recorded as OVER;</li>
 *   <li>PENDING + EXPIRED: EXPIRED; in any other state an expiry is out of order and ignored;</li>
 *   <li>PAID + REVERSED: REVERSED; elsewhere ignored (a deny of a pending bill is no reversal);</li>
 *   <li>REVERSED is final: nothing is silently undone or redone.</li>
 * </ul>
 */
public final class InvoiceStateMachine {

    /** How a payment relates to the amount due. */
    public enum Payment { NONE, PARTIAL, FULL, OVER }

    /**
     * The outcome of one update.
     *
     * @param status     the invoice's status after the update
     * @param transition true when the status changed
     * @param amountPaid the total paid after the update
     * @param payment    how this update's money relates to the amount due (NONE when it brought none)
     * @param reason     a short explanation for the journey
     */
    public record Decision(InvoiceStatus status, boolean transition, BigDecimal amountPaid, Payment payment,
            String reason) {
    }

    private InvoiceStateMachine() {
    }

    /**
     * @param current    the invoice's status now
     * @param amount     the amount due
     * @param paidSoFar  the total paid so far
     * @param update     the verified update
     * @param seenBefore true when {@code update.eventKey()} was already applied to this invoice
     */
    public static Decision apply(InvoiceStatus current, BigDecimal amount, BigDecimal paidSoFar, PaymentUpdate update,
            boolean seenBefore) {
        BigDecimal paid = paidSoFar == null ? BigDecimal.ZERO : paidSoFar;
        if (seenBefore) {
            return same(current, paid, "duplicate " + update.eventKey() + ": already applied");
        }
        return switch (update.kind()) {
            case PENDING -> same(current, paid, "pending: nothing to change");
            case EXPIRED -> current == InvoiceStatus.PENDING
                    ? new Decision(InvoiceStatus.EXPIRED, true, paid, Payment.NONE, "expired unpaid")
                    : same(current, paid, "expiry ignored: invoice is " + current);
            case REVERSED -> current == InvoiceStatus.PAID
                    ? new Decision(InvoiceStatus.REVERSED, true, paid, Payment.NONE, "payment reversed")
                    : same(current, paid, "reversal ignored: invoice is " + current);
            case PAID -> paid(current, amount, paid, update);
        };
    }

    private static Decision paid(InvoiceStatus current, BigDecimal amount, BigDecimal paid, PaymentUpdate update) {
        if (current == InvoiceStatus.REVERSED) {
            return same(current, paid, "payment after a reversal not applied: invoice stays REVERSED, check by hand");
        }
        // providers report the total paid on the bill (Xendit paid_amount, Midtrans gross_amount, Stripe amount_paid)
        BigDecimal total = update.amount() == null ? amount.max(paid) : update.amount().max(paid);
        if (total.compareTo(paid) <= 0) {
            return same(current, paid, "no new money (" + update.eventKey() + " reports what was already recorded)");
        }
        if (current == InvoiceStatus.PAID) {
            return new Decision(InvoiceStatus.PAID, false, total, Payment.OVER,
                    "further payment on a paid invoice: over-paid, " + total + " for " + amount);
        }
        int cmp = total.compareTo(amount);
        if (cmp < 0) {
            return new Decision(current, false, total, Payment.PARTIAL, "partial payment: " + total + " of " + amount);
        }
        String late = current == InvoiceStatus.EXPIRED ? " (late, after expiry)" : "";
        return cmp == 0
                ? new Decision(InvoiceStatus.PAID, true, total, Payment.FULL, "paid in full" + late)
                : new Decision(InvoiceStatus.PAID, true, total, Payment.OVER, "over-paid: " + total + " for " + amount + late);
    }

    private static Decision same(InvoiceStatus current, BigDecimal paid, String reason) {
        return new Decision(current, false, paid, Payment.NONE, reason);
    }
}
