package io.lintas.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The hook for an invoice's CRM follow-ups, put on {@code lintas.paid} as JSON and consumed by
 * {@code routes/billing-paid.camel.yaml} ({@code io.lintas.delivery.PaidFollowUp}): ISSUED (an invoice naming a lead
 * or a deal was issued: the deal or lead is told the amount, the bank and VA number and the payment link), PAID (the
 * deal moved to the tenant's paid stage with a comment, task completed, manager notified) and REVERSED.
 *
 * @param dueDate     the invoice's due date (ISSUED), else may be null
 * @param bank        the bank of the virtual account, or null (cards)
 * @param vaNumber    the virtual account number, or null
 * @param paymentLink the provider's payment page, or null
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
        Instant at,
        LocalDate dueDate,
        String bank,
        String vaNumber,
        String paymentLink) {

    public enum Kind { ISSUED, PAID, REVERSED }

    /** Without the issue details (PAID, REVERSED). */
    public InvoiceSettled(String tenant, String invoiceId, Kind kind, String leadId, String dealId, BigDecimal amount,
            BigDecimal amountPaid, String currency, String provider, String providerId, String eventKey, String paidStage,
            Instant at) {
        this(tenant, invoiceId, kind, leadId, dealId, amount, amountPaid, currency, provider, providerId, eventKey, paidStage,
                at, null, null, null, null);
    }
}
