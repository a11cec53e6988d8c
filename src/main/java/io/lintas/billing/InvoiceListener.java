package io.lintas.billing;

/**
 * Hears an invoice's milestones as the billing ledger writes them, inside the same SQL transaction
 * (the lifecycle outbox, io.lintas.lifecycle): whatever it writes commits or rolls back with the change.
 */
@FunctionalInterface
public interface InvoiceListener {

    /** A milestone of an invoice. */
    enum Change { ISSUED, PAID, EXPIRED, REVERSED }

    /** Nobody listens (lifecycle publishing off). */
    InvoiceListener NONE = (invoiceId, change) -> { };

    void changed(String invoiceId, Change change);
}
