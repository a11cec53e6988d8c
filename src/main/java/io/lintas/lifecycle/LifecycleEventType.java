package io.lintas.lifecycle;

import io.lintas.billing.InvoiceListener;
import io.lintas.ledger.LeadStatus;
import java.util.Optional;

/**
 * The {@code type} of a lifecycle event (schema/lifecycle-event-v1.schema.json), and which ledger
 * change makes it. Journey statuses without a type (QUEUED_CRM, the paid follow-ups' DEAL_MOVED, ...)
 * make no event: the invoice events already say what happened.
 */
public enum LifecycleEventType {
    /** An intake accepted it (journey RECEIVED). */
    LEAD_RECEIVED("lead.received"),
    /** Cleaned into the canonical lead (journey NORMALISED). */
    LEAD_NORMALISED("lead.normalised"),
    /** Folded into an existing lead: the same sender event again, the same person again, or a reply (data.status says which). */
    LEAD_DEDUPLICATED("lead.deduplicated"),
    /** Kept but never delivered: spam, or not a lead at all (data.status SPAM or SKIPPED). */
    LEAD_DISCARDED("lead.discarded"),
    /** In the tenant's CRM (journey IN_CRM). */
    LEAD_DELIVERED("lead.delivered"),
    /** A dispatcher's task made for it (journey TASK_CREATED). */
    LEAD_TASK_CREATED("lead.task_created"),
    /** Its task was completed (journey TASK_DONE). */
    LEAD_TASK_COMPLETED("lead.task_completed"),
    /** The invoice exists at the payment provider. */
    INVOICE_ISSUED("invoice.issued"),
    INVOICE_PAID("invoice.paid"),
    INVOICE_EXPIRED("invoice.expired"),
    INVOICE_REVERSED("invoice.reversed");

    private final String type;

    LifecycleEventType(String type) {
        this.type = type;
    }

    /** As on the wire: {@code lead.received}, {@code invoice.paid}, ... */
    public String type() {
        return type;
    }

    /** The event a journey entry with this status makes, if any. */
    public static Optional<LifecycleEventType> ofJourney(String status) {
        return Optional.ofNullable(switch (status) {
            case LeadStatus.RECEIVED -> LEAD_RECEIVED;
            case LeadStatus.NORMALISED -> LEAD_NORMALISED;
            case LeadStatus.DUPLICATE, LeadStatus.REPEAT, LeadStatus.REPLY -> LEAD_DEDUPLICATED;
            case LeadStatus.SPAM, LeadStatus.SKIPPED -> LEAD_DISCARDED;
            case LeadStatus.IN_CRM -> LEAD_DELIVERED;
            case LeadStatus.TASK_CREATED -> LEAD_TASK_CREATED;
            case LeadStatus.TASK_DONE -> LEAD_TASK_COMPLETED;
            default -> null;
        });
    }

    public static LifecycleEventType ofInvoice(InvoiceListener.Change change) {
        return switch (change) {
            case ISSUED -> INVOICE_ISSUED;
            case PAID -> INVOICE_PAID;
            case EXPIRED -> INVOICE_EXPIRED;
            case REVERSED -> INVOICE_REVERSED;
        };
    }
}
