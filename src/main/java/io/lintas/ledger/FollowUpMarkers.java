package io.lintas.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deal invoice requests already made ({@code deal_invoice_request}), and which follow-up steps of an invoice transition (PAID, REVERSED) are done: one row per step in
 * {@code invoice_follow_up}, written as soon as the step succeeded (its own statement, committed at
 * once), so a redelivered message skips it.
 */
public class FollowUpMarkers {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FollowUpMarkers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The step's detail when it was done before, else empty. */
    public Optional<String> done(String invoiceId, String transition, String step) {
        List<String> details = jdbc.queryForList(
                "SELECT detail FROM invoice_follow_up WHERE invoice_id = ? AND transition = ? AND step = ?", String.class,
                invoiceId, transition, step);
        return details.isEmpty() ? Optional.empty() : Optional.of(details.get(0) == null ? "" : details.get(0));
    }

    /** Marks the step done; false when it was marked already. */
    public boolean mark(String tenant, String invoiceId, String transition, String step, String detail) {
        try {
            jdbc.update("INSERT INTO invoice_follow_up (invoice_id, transition, step, tenant, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                    invoiceId, transition, step, tenant, clip(detail), Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Every step done for the transition, in order of name. */
    public List<String> steps(String invoiceId, String transition) {
        return jdbc.queryForList("SELECT step FROM invoice_follow_up WHERE invoice_id = ? AND transition = ? ORDER BY step",
                String.class, invoiceId, transition);
    }

    /** The invoice id a deal's invoice request (tenant, request key) was put on the billing queue with, if any. */
    public Optional<String> dealInvoice(String tenant, String requestKey) {
        List<String> ids = jdbc.queryForList("SELECT invoice_id FROM deal_invoice_request WHERE tenant = ? AND request_key = ?",
                String.class, tenant, requestKey);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** Claims the deal's invoice request; false when it was claimed already. */
    public boolean claimDealInvoice(String tenant, String requestKey, String invoiceId) {
        try {
            jdbc.update("INSERT INTO deal_invoice_request (tenant, request_key, invoice_id, at) VALUES (?, ?, ?, ?)",
                    tenant, requestKey, invoiceId, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
