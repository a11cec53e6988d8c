package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.billing.Billing;
import io.lintas.billing.InvoiceNotice;
import io.lintas.billing.Outgoing;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The billing-due schedule's work: a REMINDER the tenant's reminder-days before the due date and an EXPIRED notice
 * (and the EXPIRED status) after it, unpaid: one transition, and each notice again until it is known to be on the
 * queue, never after.
 */
class BillingScheduleTest extends BillingStandIns {

    @Autowired
    Billing billing;

    @Test
    void remindersAndExpiriesAreSentOnceEach() throws Exception {
        PROVIDER.stubFor(post("/v2/invoices").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(XenditBillingRouteTest.CREATE_ANSWER).withTransformers("response-template")));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Jakarta"));
        String dueTomorrow = requestInvoice(order("acme", "due-1").replace("\"tenant\"", "\"dueDate\":\"" + today.plusDays(1) + "\",\"tenant\""));
        String overdue = requestInvoice(order("acme", "due-2").replace("\"tenant\"", "\"dueDate\":\"" + today.minusDays(1) + "\",\"tenant\""));
        String later = requestInvoice(order("acme", "due-3"));
        awaitNotices(later, 1);

        List<Outgoing> first = billing.dueNotices();
        // the run died before its notices were on the queue: nothing was marked, the next run has them again
        List<Outgoing> again = billing.dueNotices();
        billing.dueSent(again);
        List<Outgoing> third = billing.dueNotices();

        assertThat(mine(first, dueTomorrow)).containsExactly(InvoiceNotice.Kind.REMINDER);
        assertThat(mine(first, overdue)).containsExactly(InvoiceNotice.Kind.EXPIRED);
        assertThat(mine(first, later)).isEmpty();
        assertThat(mine(again, dueTomorrow)).containsExactly(InvoiceNotice.Kind.REMINDER);
        assertThat(mine(again, overdue)).containsExactly(InvoiceNotice.Kind.EXPIRED);
        assertThat(again.stream().map(o -> ((InvoiceNotice) o.payload()).noticeId()))
                .as("the same notice ids: the notify stage sends each once")
                .containsAll(first.stream().map(o -> ((InvoiceNotice) o.payload()).noticeId()).toList());
        assertThat(third.stream().map(Outgoing::invoiceId)).doesNotContain(dueTomorrow, overdue, later);
        assertThat(ledger.history(overdue)).filteredOn(h -> h.contains("→EXPIRED")).hasSize(1);
        assertThat(status(overdue)).isEqualTo("EXPIRED");
        assertThat(status(dueTomorrow)).isEqualTo("PENDING");
        assertThat(((InvoiceNotice) first.stream().filter(o -> o.invoiceId().equals(dueTomorrow)).findFirst().orElseThrow()
                .payload()).vaNumber()).isEqualTo(XenditBillingRouteTest.BCA_VA);
    }

    static List<InvoiceNotice.Kind> mine(List<Outgoing> out, String invoiceId) {
        return out.stream().filter(o -> o.invoiceId().equals(invoiceId)).map(o -> ((InvoiceNotice) o.payload()).kind()).toList();
    }
}
