package io.lintas.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An invoice as the ledger holds it (V5__billing.sql). */
public record Invoice(
        String id,
        String tenant,
        String requestKey,
        String leadId,
        String dealId,
        String provider,
        InvoiceStatus status,
        BigDecimal amount,
        BigDecimal amountPaid,
        String currency,
        LocalDate dueDate,
        String description,
        Customer customer,
        List<InvoiceLine> lines,
        Issued issued,
        int issueAttempts,
        Instant createdAt) {

    /**
     * What the provider made of it, null until issued.
     *
     * @param providerId  Xendit invoice id / Midtrans transaction_id / Stripe invoice id (in_…)
     * @param customerRef Stripe customer id (cus_…), else null
     */
    public record Issued(String providerId, String customerRef, String bank, String vaNumber, String paymentLink) {
    }

    public Invoice withIssued(Issued issued) {
        return new Invoice(id, tenant, requestKey, leadId, dealId, provider, status, amount, amountPaid, currency, dueDate,
                description, customer, lines, issued, issueAttempts, createdAt);
    }

    @Override
    public String toString() {
        return "Invoice[" + id + " " + tenant + " " + provider + " " + status + "]";
    }
}
