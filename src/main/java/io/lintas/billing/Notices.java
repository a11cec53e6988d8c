package io.lintas.billing;

/** Builds the {@link InvoiceNotice}s of an invoice. */
public final class Notices {

    private Notices() {
    }

    /** ISSUED, REMINDER, EXPIRED: once per invoice. */
    public static InvoiceNotice of(Invoice invoice, InvoiceNotice.Kind kind) {
        return of(invoice, kind, null);
    }

    /** PAID_RECEIPT, REVERSED: once per payment key. */
    public static InvoiceNotice of(Invoice invoice, InvoiceNotice.Kind kind, String paymentKey) {
        Invoice.Issued issued = invoice.issued();
        Customer c = invoice.customer();
        String id = invoice.id() + ":" + kind + (paymentKey == null ? "" : ":" + paymentKey);
        return new InvoiceNotice(id, invoice.tenant(), invoice.id(), kind, c.name(), c.email(), c.phone(), c.language(),
                invoice.amount(), invoice.currency(), invoice.dueDate(),
                issued == null ? null : issued.bank(), issued == null ? null : issued.vaNumber(),
                issued == null ? null : issued.paymentLink(), invoice.leadId(), invoice.provider(), invoice.amountPaid());
    }
}
