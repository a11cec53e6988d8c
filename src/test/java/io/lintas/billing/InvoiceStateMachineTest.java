package io.lintas.billing;

import static io.lintas.billing.InvoiceStatus.EXPIRED;
import static io.lintas.billing.InvoiceStatus.PAID;
import static io.lintas.billing.InvoiceStatus.PENDING;
import static io.lintas.billing.InvoiceStatus.REVERSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.billing.InvoiceStateMachine.Decision;
import io.lintas.billing.InvoiceStateMachine.Payment;
import io.lintas.billing.PaymentUpdate.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvoiceStateMachineTest {

    static final BigDecimal AMOUNT = new BigDecimal("150000.00");

    static PaymentUpdate update(String key, Kind kind, String amount) {
        return new PaymentUpdate("xendit", key, kind, amount == null ? null : new BigDecimal(amount), Instant.EPOCH);
    }

    static Decision apply(InvoiceStatus status, String paid, PaymentUpdate update) {
        return InvoiceStateMachine.apply(status, AMOUNT, new BigDecimal(paid), update, false);
    }

    @Test
    void aFullPaymentPaysAPendingInvoice() {
        Decision d = apply(PENDING, "0", update("x:PAID", Kind.PAID, "150000"));
        assertThat(d.status()).isEqualTo(PAID);
        assertThat(d.transition()).isTrue();
        assertThat(d.payment()).isEqualTo(Payment.FULL);
        assertThat(d.amountPaid()).isEqualByComparingTo("150000");
    }

    @Test
    void aPartialPaymentIsRecordedAndLeavesItPending() {
        Decision d = apply(PENDING, "0", update("x:PAID", Kind.PAID, "50000"));
        assertThat(d.status()).isEqualTo(PENDING);
        assertThat(d.transition()).isFalse();
        assertThat(d.payment()).isEqualTo(Payment.PARTIAL);
        assertThat(d.amountPaid()).isEqualByComparingTo("50000");
        Decision rest = apply(PENDING, "50000", update("y:PAID", Kind.PAID, "150000"));
        assertThat(rest.status()).isEqualTo(PAID);
        assertThat(rest.payment()).isEqualTo(Payment.FULL);
    }

    @Test
    void anOverPaymentPaysAndIsRecordedAsSuch() {
        Decision d = apply(PENDING, "0", update("x:PAID", Kind.PAID, "200000"));
        assertThat(d.status()).isEqualTo(PAID);
        assertThat(d.payment()).isEqualTo(Payment.OVER);
        Decision more = apply(PAID, "150000", update("y:PAID", Kind.PAID, "160000"));
        assertThat(more.status()).isEqualTo(PAID);
        assertThat(more.transition()).isFalse();
        assertThat(more.payment()).isEqualTo(Payment.OVER);
        assertThat(more.amountPaid()).isEqualByComparingTo("160000");
    }

    @Test
    void aSettledAfterPaidReportingTheSameTotalChangesNothing() {
        Decision d = apply(PAID, "150000", update("x:SETTLED", Kind.PAID, "150000"));
        assertThat(d.transition()).isFalse();
        assertThat(d.payment()).isEqualTo(Payment.NONE);
    }

    @Test
    void expiryOnlyExpiresAPendingInvoice() {
        assertThat(apply(PENDING, "0", update("x:EXPIRED", Kind.EXPIRED, null)).status()).isEqualTo(EXPIRED);
        for (InvoiceStatus s : List.of(PAID, EXPIRED, REVERSED)) {
            Decision d = apply(s, "0", update("x:EXPIRED", Kind.EXPIRED, null));
            assertThat(d.status()).as("from " + s).isEqualTo(s);
            assertThat(d.transition()).isFalse();
        }
    }

    @Test
    void moneyAfterExpiryIsALatePaymentNeverIgnored() {
        Decision d = apply(EXPIRED, "0", update("x:PAID", Kind.PAID, "150000"));
        assertThat(d.status()).isEqualTo(PAID);
        assertThat(d.transition()).isTrue();
        assertThat(d.reason()).contains("late");
    }

    @Test
    void onlyAPaidInvoiceIsReversedAndAReversalIsFinal() {
        assertThat(apply(PAID, "150000", update("t:deny", Kind.REVERSED, null)).status()).isEqualTo(REVERSED);
        assertThat(apply(PENDING, "0", update("t:deny", Kind.REVERSED, null)).status()).isEqualTo(PENDING);
        Decision after = apply(REVERSED, "150000", update("t2:settlement", Kind.PAID, "300000"));
        assertThat(after.status()).isEqualTo(REVERSED);
        assertThat(after.transition()).isFalse();
    }

    @Test
    void pendingNeverChangesAnything() {
        for (InvoiceStatus s : InvoiceStatus.values()) {
            assertThat(apply(s, "0", update("t:pending", Kind.PENDING, null)).transition()).isFalse();
        }
    }

    @Test
    void aDuplicateKeyChangesNothing() {
        Decision d = InvoiceStateMachine.apply(PENDING, AMOUNT, BigDecimal.ZERO, update("x:PAID", Kind.PAID, "150000"), true);
        assertThat(d.transition()).isFalse();
        assertThat(d.status()).isEqualTo(PENDING);
        assertThat(d.reason()).contains("duplicate");
    }

    /** Every order of a PAID (sent twice), a SETTLED and an EXPIRED: paid once, never expired. */
    @Test
    void duplicateAndOutOfOrderCallbacksMakeExactlyOneTransition() {
        List<PaymentUpdate> updates = List.of(update("x:PAID", Kind.PAID, "150000"), update("x:PAID", Kind.PAID, "150000"),
                update("x:SETTLED", Kind.PAID, "150000"), update("x:EXPIRED", Kind.EXPIRED, null),
                update("x:PENDING", Kind.PENDING, null));
        for (List<PaymentUpdate> order : permutations(updates)) {
            InvoiceStatus status = PENDING;
            BigDecimal paid = BigDecimal.ZERO;
            Set<String> seen = new HashSet<>();
            List<InvoiceStatus> transitions = new ArrayList<>();
            for (PaymentUpdate u : order) {
                Decision d = InvoiceStateMachine.apply(status, AMOUNT, paid, u, seen.contains(u.eventKey()));
                seen.add(u.eventKey());
                if (d.transition()) {
                    transitions.add(d.status());
                }
                status = d.status();
                paid = d.amountPaid();
            }
            assertThat(status).as(order.toString()).isEqualTo(PAID);
            assertThat(paid).isEqualByComparingTo(AMOUNT);
            // an expiry that arrives first expires the bill; the payment then still counts (late): at most those two
            assertThat(transitions).as(order.toString()).endsWith(PAID).containsOnlyOnce(PAID);
        }
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> withHead = new ArrayList<>();
                withHead.add(head);
                withHead.addAll(p);
                out.add(withHead);
            }
        }
        return out;
    }
}
