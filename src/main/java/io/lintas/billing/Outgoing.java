package io.lintas.billing;

/**
 * A message billing hands on, to be put on a persistent queue by the route.
 *
 * @param stage     the stage whose queue takes it: "notify" (an {@link InvoiceNotice}) or "paid" (an {@link InvoiceSettled})
 * @param messageId stable across redeliveries (header LintasMessageId): consumers dedupe on it
 * @param tenant    tenant id
 * @param invoiceId the invoice (also the message group)
 * @param payload   the record written as JSON
 */
public record Outgoing(String stage, String messageId, String tenant, String invoiceId, Object payload) {

    public static Outgoing notice(InvoiceNotice notice) {
        return new Outgoing("notify", notice.noticeId(), notice.tenant(), notice.invoiceId(), notice);
    }

    public static Outgoing settled(InvoiceSettled settled) {
        return new Outgoing("paid", settled.invoiceId() + ":" + settled.kind() + ":" + settled.eventKey(), settled.tenant(),
                settled.invoiceId(), settled);
    }
}
