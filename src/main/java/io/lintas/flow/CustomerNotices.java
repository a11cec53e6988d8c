package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceNotice;
import io.lintas.notify.CustomerNotifier;
import io.lintas.notify.NotifyFailure;
import org.apache.camel.Exchange;

/** The notify stage's step: reads the InvoiceNotice JSON off lintas.notify and tells the customer. */
public class CustomerNotices {

    /** Header naming the notice in logs and dead letters. */
    public static final String NOTICE_ID = "LintasNoticeId";

    private final ObjectMapper json;
    private final CustomerNotifier notifier;

    public CustomerNotices(ObjectMapper json, CustomerNotifier notifier) {
        this.json = json;
        this.notifier = notifier;
    }

    public void process(Exchange exchange) {
        InvoiceNotice notice;
        try {
            notice = json.readValue(exchange.getIn().getBody(String.class), InvoiceNotice.class);
        } catch (Exception e) {
            throw new NotifyFailure.Permanent("not an InvoiceNotice: " + e.getClass().getSimpleName());
        }
        if (notice == null) {
            throw new NotifyFailure.Permanent("not an InvoiceNotice: empty body");
        }
        exchange.getIn().setHeader(QueueHeaders.TENANT, notice.tenant());
        exchange.getIn().setHeader(NOTICE_ID, notice.noticeId());
        exchange.setProperty(NOTICE_ID, notice.noticeId());     // kept for the dead-letter log, which sends the original message
        exchange.setProperty(QueueHeaders.TENANT, notice.tenant());
        notifier.notify(notice);
    }
}
