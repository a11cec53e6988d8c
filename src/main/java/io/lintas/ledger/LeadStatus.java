package io.lintas.ledger;

/** Where a lead stands. The journey keeps every status a lead passed through. */
public final class LeadStatus {

    /** Accepted by an intake and durable on the intake queue. */
    public static final String RECEIVED = "RECEIVED";
    /** Cleaned into the canonical lead. */
    public static final String NORMALISED = "NORMALISED";
    /** Handed to the CRM stage queue ({@code lintas.crm}). */
    public static final String QUEUED_CRM = "QUEUED_CRM";
    /** A honeypot or other spam signal: kept, never delivered. */
    public static final String SPAM = "SPAM";
    /** The same sender event again: folded into the lead it duplicates. */
    public static final String DUPLICATE = "DUPLICATE";
    /** The same person again within the tenant's window: a second touch on one lead. */
    public static final String REPEAT = "REPEAT";

    /** Not a lead at all (an auto-reply, bulk mail, mail from the tenant's own domain): kept with the reason, never delivered. */
    public static final String SKIPPED = "SKIPPED";
    /** A reply to, or continuation of, an earlier intake of the lead (an email reply, ...). */
    public static final String REPLY = "REPLY";

    /** In the tenant's CRM: a Bitrix24 lead or a deal on a known customer, or linked to the record it came from. */
    public static final String IN_CRM = "IN_CRM";
    /** A dispatcher's task made for it (Bitrix24 task or Jira issue). */
    public static final String TASK_CREATED = "TASK_CREATED";
    /** Its task was completed. */
    public static final String TASK_DONE = "TASK_DONE";

    /** Its hand-off to the next stage was lost (a crash between two commits): handed again by the sweep. */
    public static final String REHANDED = "REHANDED";

    /** An invoice was issued for it (its order, or an invoice that names it): amount, provider, VA, link. */
    public static final String INVOICE_ISSUED = "INVOICE_ISSUED";
    /** It carries an order that was not invoiced (why: in the detail). */
    public static final String ORDER_NOT_BILLED = "ORDER_NOT_BILLED";

    /** Its invoice was paid (the summary of the follow-ups), or the payment was reversed. */
    public static final String PAID = "PAID";
    public static final String REVERSED = "REVERSED";
    /** The CRM deal moved to the paid stage (with a timeline comment), or only commented. */
    public static final String DEAL_MOVED = "DEAL_MOVED";
    public static final String DEAL_COMMENTED = "DEAL_COMMENTED";
    /** The responsible manager was told (Bitrix24 notification). */
    public static final String MANAGER_NOTIFIED = "MANAGER_NOTIFIED";

    private LeadStatus() {
    }
}
