package io.lintas.billing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Invoices in SQL (V5__billing.sql). Callers group writes in a transaction. */
public class BillingLedger {

    private static final String COLUMNS = "id, tenant, request_key, lead_id, deal_id, provider, status, amount, amount_paid,"
            + " currency, due_date, description, customer_name, customer_email, customer_phone, customer_language,"
            + " provider_id, provider_customer, va_bank, va_number, payment_link, issue_attempts, created_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile InvoiceListener listener = InvoiceListener.NONE;

    public BillingLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Tells {@code listener} of each issue, payment, expiry and reversal, in the change's transaction. Set once at start. */
    public void listen(InvoiceListener listener) {
        this.listener = listener;
    }

    /**
     * Records a new PENDING invoice with its lines; when the tenant already has one for the request key,
     * that one is returned instead (the same ask never makes two invoices).
     */
    public Invoice insertIfAbsent(InvoiceRequest request, String provider, LocalDate dueDate, String language) {
        Optional<Invoice> existing = byRequestKey(request.tenant(), request.requestKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        Timestamp now = Timestamp.from(clock.instant());
        Customer c = request.customer();
        try {
            jdbc.update("INSERT INTO invoice (" + COLUMNS + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    request.invoiceId(), request.tenant(), request.requestKey(), request.leadId(), request.dealId(), provider,
                    InvoiceStatus.PENDING.name(), request.amount(), BigDecimal.ZERO, request.currency(), dueDate,
                    request.description(), c.name(), c.email(), c.phone(), language, null, null, null, null, null, 0,
                    now, now);
        } catch (DuplicateKeyException raced) {
            return byRequestKey(request.tenant(), request.requestKey()).orElseThrow(() -> raced);
        }
        int n = 0;
        for (InvoiceLine line : request.lines()) {
            jdbc.update("INSERT INTO invoice_line (invoice_id, line_no, name, quantity, unit_price) VALUES (?,?,?,?,?)",
                    request.invoiceId(), ++n, line.name(), line.quantity(), line.unitPrice());
        }
        history(request.invoiceId(), null, InvoiceStatus.PENDING, "invoice recorded (" + request.requestKey() + ")", null);
        return find(request.invoiceId()).orElseThrow();
    }

    public Optional<Invoice> find(String invoiceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE id = ?", this::invoice, invoiceId).stream().findFirst();
    }

    public Optional<Invoice> find(String tenant, String invoiceId) {
        return find(invoiceId).filter(i -> i.tenant().equals(tenant));
    }

    public Optional<Invoice> byRequestKey(String tenant, String requestKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE tenant = ? AND request_key = ?", this::invoice,
                tenant, requestKey).stream().findFirst();
    }

    /** Stripe callbacks name the provider's invoice id. */
    public Optional<Invoice> byProviderId(String tenant, String provider, String providerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE tenant = ? AND provider = ? AND provider_id = ?",
                this::invoice, tenant, provider, providerId).stream().findFirst();
    }

    /** Counts a create attempt before it is sent, in its own statement: a later attempt knows to look first. */
    public void countIssueAttempt(String invoiceId) {
        jdbc.update("UPDATE invoice SET issue_attempts = issue_attempts + 1, updated_at = ? WHERE id = ?",
                Timestamp.from(clock.instant()), invoiceId);
    }

    public void recordIssued(String invoiceId, Invoice.Issued issued) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE invoice SET provider_id = ?, provider_customer = ?, va_bank = ?, va_number = ?, payment_link = ?,"
                        + " issued_at = ?, updated_at = ? WHERE id = ?",
                issued.providerId(), issued.customerRef(), issued.bank(), issued.vaNumber(), issued.paymentLink(), now, now,
                invoiceId);
        history(invoiceId, InvoiceStatus.PENDING, InvoiceStatus.PENDING, "issued at the provider as " + issued.providerId(), null);
        listener.changed(invoiceId, InvoiceListener.Change.ISSUED);
    }

    /** True when this provider event was already applied (a duplicate). */
    public boolean seen(String provider, String eventKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM payment_event WHERE provider = ? AND event_key = ?",
                Integer.class, provider, eventKey);
        return n != null && n > 0;
    }

    /** The status an applied event moved the invoice to, if it made a transition. */
    public Optional<InvoiceStatus> transitionOf(String provider, String eventKey) {
        return jdbc.query("SELECT e.transition, h.to_status FROM payment_event e LEFT JOIN invoice_history h"
                        + " ON h.invoice_id = e.invoice_id AND h.event_key = e.event_key"
                        + " WHERE e.provider = ? AND e.event_key = ? AND e.transition = TRUE ORDER BY h.id DESC",
                (rs, i) -> rs.getString("to_status"), provider, eventKey).stream()
                .filter(java.util.Objects::nonNull).map(InvoiceStatus::valueOf).findFirst();
    }

    /** Records an applied event; a concurrent duplicate fails on the primary key and rolls its transaction back. */
    public void recordEvent(String invoiceId, PaymentUpdate update, InvoiceStateMachine.Decision decision) {
        jdbc.update("INSERT INTO payment_event (provider, event_key, invoice_id, kind, amount, payment, transition, received_at)"
                        + " VALUES (?,?,?,?,?,?,?,?)",
                update.provider(), update.eventKey(), invoiceId, update.kind().name(), update.amount(),
                decision.payment().name(), decision.transition(), Timestamp.from(clock.instant()));
    }

    public void applyDecision(Invoice invoice, PaymentUpdate update, InvoiceStateMachine.Decision decision) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE invoice SET status = ?, amount_paid = ?, updated_at = ? WHERE id = ?",
                decision.status().name(), decision.amountPaid(), now, invoice.id());
        if (decision.transition() && decision.status() == InvoiceStatus.EXPIRED) {
            // its EXPIRED notice leaves with this callback's messages, in the same queue transaction
            jdbc.update("UPDATE invoice SET expiry_sent_at = ? WHERE id = ? AND expiry_sent_at IS NULL", now, invoice.id());
        }
        if (decision.transition() || decision.payment() != InvoiceStateMachine.Payment.NONE) {
            history(invoice.id(), invoice.status(), decision.status(), decision.reason(), update.eventKey());
        }
        if (decision.transition() && decision.status() != InvoiceStatus.PENDING) {
            listener.changed(invoice.id(), InvoiceListener.Change.valueOf(decision.status().name()));
        }
    }

    /** PENDING invoices whose reminder is due (due date - days ≤ today) and not yet sent. */
    public List<Invoice> remindersDue(LocalDate today, String tenant, int days) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE tenant = ? AND status = 'PENDING' AND reminder_sent_at IS NULL"
                + " AND provider_id IS NOT NULL AND due_date <= ?", this::invoice, tenant, today.plusDays(days));
    }

    /** Issued PENDING invoices past their due date. */
    public List<Invoice> overdue(LocalDate today, String tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE tenant = ? AND status = 'PENDING' AND provider_id IS NOT NULL"
                        + " AND due_date < ?",
                this::invoice, tenant, today);
    }

    /** EXPIRED invoices whose EXPIRED notice is not known to be on its way (expired by the schedule, not yet marked). */
    public List<Invoice> expiryNoticesDue(String tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE tenant = ? AND status = 'EXPIRED' AND expiry_sent_at IS NULL",
                this::invoice, tenant);
    }

    /** Marks the EXPIRED notice as handed to the notify stage. */
    public boolean markExpirySent(String invoiceId) {
        return jdbc.update("UPDATE invoice SET expiry_sent_at = ? WHERE id = ? AND expiry_sent_at IS NULL",
                Timestamp.from(clock.instant()), invoiceId) == 1;
    }

    /** Marks the reminder as handed to the notify stage. */
    public boolean markReminderSent(String invoiceId) {
        return jdbc.update("UPDATE invoice SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL",
                Timestamp.from(clock.instant()), invoiceId) == 1;
    }

    /** Expires a PENDING invoice; false when it is no longer PENDING (paid meanwhile, or done by another instance). */
    public boolean expire(String invoiceId, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean changed = jdbc.update("UPDATE invoice SET status = 'EXPIRED', updated_at = ?"
                + " WHERE id = ? AND status = 'PENDING'", now, invoiceId) == 1;
        if (changed) {
            history(invoiceId, InvoiceStatus.PENDING, InvoiceStatus.EXPIRED, reason, null);
            listener.changed(invoiceId, InvoiceListener.Change.EXPIRED);
        }
        return changed;
    }

    /** The status changes of an invoice, oldest first, as "FROM→TO reason". */
    public List<String> history(String invoiceId) {
        return jdbc.query("SELECT from_status, to_status, reason FROM invoice_history WHERE invoice_id = ? ORDER BY id",
                (rs, i) -> rs.getString("from_status") + "→" + rs.getString("to_status") + " " + rs.getString("reason"),
                invoiceId);
    }

    private void history(String invoiceId, InvoiceStatus from, InvoiceStatus to, String reason, String eventKey) {
        jdbc.update("INSERT INTO invoice_history (invoice_id, at, from_status, to_status, reason, event_key) VALUES (?,?,?,?,?,?)",
                invoiceId, Timestamp.from(clock.instant()), from == null ? null : from.name(), to.name(),
                reason.length() > 500 ? reason.substring(0, 500) : reason, eventKey);
    }

    private List<InvoiceLine> lines(String invoiceId) {
        return jdbc.query("SELECT name, quantity, unit_price FROM invoice_line WHERE invoice_id = ? ORDER BY line_no",
                (rs, i) -> new InvoiceLine(rs.getString("name"), rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price")),
                invoiceId);
    }

    private Invoice invoice(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        String providerId = rs.getString("provider_id");
        Invoice.Issued issued = providerId == null ? null : new Invoice.Issued(providerId, rs.getString("provider_customer"),
                rs.getString("va_bank"), rs.getString("va_number"), rs.getString("payment_link"));
        Timestamp created = rs.getTimestamp("created_at");
        return new Invoice(id, rs.getString("tenant"), rs.getString("request_key"), rs.getString("lead_id"),
                rs.getString("deal_id"), rs.getString("provider"), InvoiceStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("amount"), rs.getBigDecimal("amount_paid"), rs.getString("currency"),
                rs.getObject("due_date", LocalDate.class), rs.getString("description"),
                new Customer(rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("customer_phone"),
                        rs.getString("customer_language")),
                lines(id), issued, rs.getInt("issue_attempts"), created == null ? null : created.toInstant());
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
