package io.lintas.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The hook for the on-PAID follow-ups (CRM deal moved to the tenant's paid stage with a comment, task completed,
 * manager notified), put on {@code lintas.paid} as JSON on each PAID or REVERSED transition and consumed by
 * {@code routes/billing-paid.camel.yaml} ({@code io.lintas.delivery.PaidFollowUp}).
 */
public record InvoiceSettled(
        String tenant,
        String invoiceId,
        Kind kind,
        String leadId,
        String dealId,
        BigDecimal amount,
        BigDecimal amountPaid,
        String currency,
        String provider,
        String providerId,
        String eventKey,
        String paidStage,
        Instant at) {

    public enum Kind { PAID, REVERSED }
}
