package io.lintas.billing;

import java.time.LocalDate;
import java.util.List;

/**
 * Something billable: asks for one invoice. {@code requestKey} makes the ask idempotent per tenant
 * (e.g. "deal:8812", "lead:01J…", or the caller's own key): the same key never makes a second invoice.
 *
 * @param invoiceId  the Lintas invoice id (ULID) chosen when the request was accepted
 * @param dueDate    null: the tenant's due-days from today
 * @param language   null: the tenant's default
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record InvoiceRequest(
        String invoiceId,
        String tenant,
        String requestKey,
        String leadId,
        String dealId,
        Customer customer,
        List<InvoiceLine> lines,
        String currency,
        LocalDate dueDate,
        String description) {

    public InvoiceRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public java.math.BigDecimal amount() {
        return lines.stream().map(InvoiceLine::total).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    @Override
    public String toString() {
        return "InvoiceRequest[" + invoiceId + " " + tenant + " " + requestKey + "]";
    }
}
