package io.lintas.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What billing tells the customer-notification stage ("notify") about an invoice. Put on the
 * persistent queue {@code lintas.notify} as JSON (Jackson, ISO dates, amounts as JSON numbers).
 *
 * <p>{@code noticeId} is unique per notice and stable across redeliveries ({@code invoiceId + ":" + kind}
 * for ISSUED/REMINDER/EXPIRED, {@code invoiceId + ":" + kind + ":" + paymentKey} for PAID_RECEIPT/REVERSED):
 * the consumer dedupes on it. Fields that do not apply are null (e.g. {@code vaNumber} for a Stripe card invoice).
 */
public record InvoiceNotice(
        String noticeId,
        String tenant,
        String invoiceId,
        Kind kind,
        String customerName,
        String customerEmail,
        String customerPhone,
        String language,
        BigDecimal amount,
        String currency,
        LocalDate dueDate,
        String bank,
        String vaNumber,
        String paymentLink,
        String leadId,
        String provider,
        BigDecimal amountPaid) {

    public enum Kind { ISSUED, REMINDER, EXPIRED, PAID_RECEIPT, REVERSED }

    @Override
    public String toString() {
        return "InvoiceNotice[" + noticeId + " " + tenant + " " + kind + "]";
    }
}
