package io.lintas.billing;

import io.lintas.connector.billing.BillingException;
import io.lintas.connector.billing.PaymentCallback;
import io.lintas.connector.billing.PaymentProvider;
import io.lintas.tenant.BillingConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing's work, plain Java: issue an invoice exactly once, apply a verified provider callback through the
 * {@link InvoiceStateMachine} exactly once, and find the reminders and expiries that are due. Each returns the
 * messages to hand on ({@link Outgoing}); the routes put them on the persistent queues.
 */
public class Billing {

    private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

    private final TenantRegistry tenants;
    private final BillingLedger ledger;
    private final Map<String, PaymentProvider> providers;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Billing(TenantRegistry tenants, BillingLedger ledger, List<PaymentProvider> providers, TransactionTemplate tx,
            Clock clock) {
        this.tenants = tenants;
        this.ledger = ledger;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(PaymentProvider::name, p -> p));
        this.tx = tx;
        this.clock = clock;
    }

    /** The invoice already made for this request key of the tenant, if any. */
    public Optional<String> existing(String tenant, String requestKey) {
        return ledger.byRequestKey(tenant, requestKey).map(Invoice::id);
    }

    /**
     * Records the invoice (once per tenant and request key) and issues it at the tenant's provider, exactly once:
     * a create whose outcome was unclear (timeout, 5xx) is looked up by the Lintas invoice id before any new
     * attempt. Returns the ISSUED notice. An invoice already issued gets it again only on a redelivery: the
     * consumer's transaction rolled back, so the first notice never left (consume and send commit together).
     *
     * @throws BillingException.Unclear when the provider cannot be reached and the invoice is not found there: retry later
     */
    public List<Outgoing> issue(InvoiceRequest request, boolean redelivered) {
        Tenant tenant = tenant(request.tenant());
        BillingConfig billing = billingOf(tenant);
        LocalDate due = request.dueDate() != null ? request.dueDate()
                : LocalDate.now(clock.withZone(tenant.timeZone())).plusDays(billing.dueDays());
        String language = request.customer().language() != null ? request.customer().language() : billing.language();
        Invoice invoice = tx.execute(s -> ledger.insertIfAbsent(request, billing.provider(), due, language));
        if (invoice.issued() != null) {
            return redelivered ? issuedMessages(invoice, billing) : List.of();
        }
        if (invoice.status() != InvoiceStatus.PENDING) {
            return List.of();
        }
        PaymentProvider provider = provider(invoice.provider());
        Invoice.Issued issued = null;
        if (invoice.issueAttempts() > 0) {
            issued = provider.lookup(invoice, billing).orElse(null);   // an earlier attempt may have been applied
        }
        if (issued == null) {
            ledger.countIssueAttempt(invoice.id());                  // committed before the call goes out
            try {
                issued = provider.create(invoice, billing);
            } catch (BillingException.Unclear unclear) {
                LOG.warn("invoice {} of tenant {}: create at {} unclear, looking it up: {}", invoice.id(), invoice.tenant(),
                        invoice.provider(), unclear.getMessage());
                issued = lookupAfterUnclear(provider, invoice, billing, unclear);
            }
        }
        Invoice.Issued done = issued;
        tx.executeWithoutResult(s -> ledger.recordIssued(invoice.id(), done));
        LOG.info("invoice {} of tenant {} issued at {} as {}", invoice.id(), invoice.tenant(), invoice.provider(),
                done.providerId());
        return issuedMessages(invoice.withIssued(done), billing);
    }

    /** The customer's ISSUED notice and, for an invoice naming a lead or a deal, the hook that tells the CRM record. */
    private List<Outgoing> issuedMessages(Invoice invoice, BillingConfig billing) {
        Outgoing notice = Outgoing.notice(Notices.of(invoice, InvoiceNotice.Kind.ISSUED));
        if (invoice.leadId() == null && invoice.dealId() == null) {
            return List.of(notice);
        }
        Invoice.Issued issued = invoice.issued();
        InvoiceSettled crm = new InvoiceSettled(invoice.tenant(), invoice.id(), InvoiceSettled.Kind.ISSUED, invoice.leadId(),
                invoice.dealId(), invoice.amount(), null, invoice.currency(), invoice.provider(), issued.providerId(), "issued",
                billing.paidStage(), clock.instant(), invoice.dueDate(), issued.bank(), issued.vaNumber(), issued.paymentLink());
        return List.of(notice, Outgoing.settled(crm));
    }

    private static Invoice.Issued lookupAfterUnclear(PaymentProvider provider, Invoice invoice, BillingConfig billing,
            BillingException.Unclear unclear) {
        Optional<Invoice.Issued> found;
        try {
            found = provider.lookup(invoice, billing);
        } catch (BillingException e) {
            unclear.addSuppressed(e);
            throw unclear;
        }
        return found.orElseThrow(() -> unclear);
    }

    /**
     * Applies a verified callback: re-reads the bill at the provider (the callback is only a hint), runs the state
     * machine and records the event under its dedupe key, all in one SQL transaction. A duplicate changes nothing
     * and sends nothing, unless this is a redelivery of the message that applied it: the SQL transaction committed
     * but the queue transaction rolled back, so its messages never left; they go again (same ids).
     */
    public List<Outgoing> apply(PaymentCallback callback, boolean redelivered) {
        Invoice invoice = ledger.find(callback.tenant(), callback.invoiceId())
                .orElseThrow(() -> new BillingException.Refused("invoice " + callback.invoiceId() + " is not in the ledger"));
        BillingConfig billing = billingOf(tenant(callback.tenant()));
        if (ledger.seen(callback.provider(), callback.eventKey())) {
            if (redelivered) {
                return ledger.find(invoice.id()).map(i -> resend(i, callback.eventKey())).orElse(List.of());
            }
            LOG.info("invoice {}: {} event {} already applied", invoice.id(), callback.provider(), callback.eventKey());
            return List.of();
        }
        PaymentUpdate update = provider(callback.provider()).recheck(invoice, billing, callback);
        return tx.execute(s -> {
            Invoice now = ledger.find(invoice.id()).orElseThrow();
            boolean seen = ledger.seen(update.provider(), update.eventKey());
            InvoiceStateMachine.Decision decision = InvoiceStateMachine.apply(now.status(), now.amount(), now.amountPaid(),
                    update, seen);
            if (seen) {
                return List.<Outgoing>of();
            }
            ledger.recordEvent(now.id(), update, decision);
            ledger.applyDecision(now, update, decision);
            LOG.info("invoice {} of tenant {}: {} {} → {} ({})", now.id(), now.tenant(), update.provider(), update.kind(),
                    decision.status(), decision.reason());
            if (!decision.transition()) {
                return List.<Outgoing>of();
            }
            Invoice after = ledger.find(now.id()).orElseThrow();
            return transitionMessages(after, decision.status(), update.eventKey(), billing);
        });
    }

    private List<Outgoing> resend(Invoice invoice, String eventKey) {
        BillingConfig billing = billingOf(tenant(invoice.tenant()));
        return ledger.transitionOf(invoice.provider(), eventKey)
                .map(status -> transitionMessages(invoice, status, eventKey, billing))
                .orElse(List.of());
    }

    private List<Outgoing> transitionMessages(Invoice invoice, InvoiceStatus status, String eventKey, BillingConfig billing) {
        List<Outgoing> out = new ArrayList<>();
        switch (status) {
            case PAID -> {
                out.add(Outgoing.notice(Notices.of(invoice, InvoiceNotice.Kind.PAID_RECEIPT, eventKey)));
                out.add(Outgoing.settled(settled(invoice, InvoiceSettled.Kind.PAID, eventKey, billing)));
            }
            case REVERSED -> {
                out.add(Outgoing.notice(Notices.of(invoice, InvoiceNotice.Kind.REVERSED, eventKey)));
                out.add(Outgoing.settled(settled(invoice, InvoiceSettled.Kind.REVERSED, eventKey, billing)));
            }
            case EXPIRED -> out.add(Outgoing.notice(Notices.of(invoice, InvoiceNotice.Kind.EXPIRED)));
            default -> {
            }
        }
        return out;
    }

    private InvoiceSettled settled(Invoice invoice, InvoiceSettled.Kind kind, String eventKey, BillingConfig billing) {
        return new InvoiceSettled(invoice.tenant(), invoice.id(), kind, invoice.leadId(), invoice.dealId(), invoice.amount(),
                invoice.amountPaid(), invoice.currency(), invoice.provider(),
                invoice.issued() == null ? null : invoice.issued().providerId(), eventKey, billing.paidStage(), clock.instant());
    }

    /**
     * The reminders (N days before the due date) and EXPIRED notices due now. Overdue unpaid invoices are expired
     * first (a conditional update: one transition, whichever run or instance gets there). Nothing is marked here: the
     * route puts the notices on {@code lintas.notify} and then calls {@link #dueSent}, so a crash in between sends
     * them again on the next run rather than never; the notify stage sends each notice once per channel (by its id).
     */
    public List<Outgoing> dueNotices() {
        List<Outgoing> out = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            BillingConfig billing = tenant.billing();
            if (billing == null) {
                continue;
            }
            LocalDate today = LocalDate.now(clock.withZone(tenant.timeZone()));
            for (Invoice overdue : ledger.overdue(today, tenant.id())) {
                tx.execute(s -> ledger.expire(overdue.id(), "due date " + overdue.dueDate() + " passed unpaid"));
            }
            for (Invoice expired : ledger.expiryNoticesDue(tenant.id())) {
                out.add(Outgoing.notice(Notices.of(expired, InvoiceNotice.Kind.EXPIRED)));
            }
            if (billing.reminderDays() > 0) {
                for (Invoice due : ledger.remindersDue(today, tenant.id(), billing.reminderDays())) {
                    out.add(Outgoing.notice(Notices.of(due, InvoiceNotice.Kind.REMINDER)));
                }
            }
        }
        return out;
    }

    /** The schedule's notices are on the queue: marks them sent, so the next run does not send them again. */
    public void dueSent(List<Outgoing> sent) {
        for (Outgoing outgoing : sent) {
            if (outgoing.payload() instanceof InvoiceNotice notice) {
                switch (notice.kind()) {
                    case REMINDER -> ledger.markReminderSent(notice.invoiceId());
                    case EXPIRED -> ledger.markExpirySent(notice.invoiceId());
                    default -> {
                    }
                }
            }
        }
    }

    private Tenant tenant(String id) {
        return tenants.find(id).orElseThrow(() -> new BillingException.Refused("unknown tenant " + id));
    }

    private static BillingConfig billingOf(Tenant tenant) {
        if (tenant.billing() == null) {
            throw new BillingException.Refused("tenant " + tenant.id() + " has no billing section");
        }
        return tenant.billing();
    }

    private PaymentProvider provider(String name) {
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw new BillingException.Refused("no connector for payment provider " + name);
        }
        return provider;
    }
}
