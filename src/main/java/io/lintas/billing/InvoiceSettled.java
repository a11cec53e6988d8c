package io.lintas.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The hook for the on-PAID follow-ups (CRM deal moved to the tenant's paid stage with a comment, task completed,
 * manager notified), put on {@code lintas.paid} as JSON on each PAID or REVERSED transition. The CRM/task side
 * ("deliver") consumes it; until then the queue holds them.
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
