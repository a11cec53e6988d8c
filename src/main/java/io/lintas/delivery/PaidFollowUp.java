package io.lintas.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.billing.InvoiceSettled;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.connector.bitrix24.PortalBatcher.Outcome;
import io.lintas.ledger.FollowUpMarkers;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.tenant.Tenant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What follows an issued, paid or reversed invoice on the CRM side ({@link InvoiceSettled} from {@code lintas.paid}).
 *
 * <p>ISSUED (an invoice naming a lead or a deal): a timeline comment on the deal (or the Bitrix24 lead) with the
 * amount, due date, bank and VA number and the payment link, and an INVOICE_ISSUED entry on the lead's journey.
 *
 * <p>PAID: the Bitrix24 deal moved to the tenant's paid stage ({@code crm.deal.update STAGE_ID}) with a timeline
 * comment (amount, invoice id, provider), then the lead's task completed ({@link TaskDelivery#complete}), then the
 * responsible manager notified ({@code im.notify.system.add} to the deal's {@code ASSIGNED_BY_ID}, else the tenant's
 * {@code crm.responsible}), then a PAID entry on the lead's journey. REVERSED: a comment on the deal and the manager
 * told; nothing is undone (the stage stays, the task stays done): people decide.
 *
 * <p>Exactly once per (invoice, transition): each step is marked in {@code invoice_follow_up} as soon as it
 * succeeded, together with its journey entry, so a redelivered message skips what was done and only repeats what
 * failed. A crash after the portal applied a step but before its marker was written repeats that one step (a deal
 * update to the same stage changes nothing; a comment or a notification could appear twice: the window is one
 * statement wide).
 *
 * <p>An invoice without a deal (made through the API): its lead's Bitrix24 deal is used when delivery made one; a
 * lead-only record gets the comment on the Bitrix24 lead (no stage to move); without any CRM record the CRM steps
 * are skipped (marked so) and the manager is still told, when the tenant has a portal and a responsible.
 */
public class PaidFollowUp {

    public static final String DEAL_MOVED = "DEAL_MOVED";
    public static final String DEAL_COMMENTED = "DEAL_COMMENTED";
    public static final String TASK_DONE = "TASK_DONE";
    public static final String MANAGER_NOTIFIED = "MANAGER_NOTIFIED";
    public static final String JOURNEY = "JOURNEY";

    private final LeadLedger ledger;
    private final FollowUpMarkers markers;
    private final PortalBatcher batcher;
    private final TaskDelivery tasks;
    private final TransactionOperations tx;

    public PaidFollowUp(LeadLedger ledger, FollowUpMarkers markers, PortalBatcher batcher, TaskDelivery tasks,
            TransactionOperations tx) {
        this.ledger = ledger;
        this.markers = markers;
        this.batcher = batcher;
        this.tasks = tasks;
        this.tx = tx;
    }

    /** The CRM record a comment goes on: entity type (deal or lead) and id. */
    record CrmRecord(String type, String id) {
    }

    /**
     * Runs the steps not done yet.
     *
     * @throws Bitrix24Failure.Transient to be retried later (only the steps not yet marked run again)
     * @throws Bitrix24Failure.Permanent when retrying cannot help
     */
    public List<String> settle(Tenant tenant, InvoiceSettled settled) {
        String transition = settled.kind().name();
        String leadId = settled.leadId() != null && ledger.exists(settled.leadId()) ? settled.leadId() : null;
        CrmRecord record = crmRecord(tenant, settled, leadId);
        if (settled.kind() == InvoiceSettled.Kind.ISSUED) {
            return issued(tenant, settled, leadId, record);
        }
        boolean paid = settled.kind() == InvoiceSettled.Kind.PAID;
        String stage = paidStage(tenant, settled);

        // 1. the deal: moved (PAID, when it is a deal and a paid stage is configured) and commented
        boolean move = paid && record != null && "deal".equals(record.type()) && stage != null;
        boolean moveDue = move && !done(settled, DEAL_MOVED);
        boolean commentDue = !done(settled, DEAL_COMMENTED);
        if (record == null && commentDue) {
            step(tenant, settled, leadId, DEAL_COMMENTED, null, "no CRM deal or lead to comment on (invoice "
                    + settled.invoiceId() + " has none)");
            commentDue = false;
        }
        if (moveDue || commentDue) {
            crmSteps(tenant, settled, leadId, record, moveDue ? stage : null, commentDue);
        }

        // 2. the task (PAID only: a reversal does not reopen it)
        if (paid && !done(settled, TASK_DONE)) {
            boolean completed = leadId != null && tasks.complete(tenant, leadId);   // writes TASK_DONE on the journey
            step(tenant, settled, leadId, TASK_DONE, null, completed ? "the lead's task completed"
                    : leadId == null ? "no lead, so no task" : "the lead has no task");
        }

        // 3. the manager
        if (!done(settled, MANAGER_NOTIFIED)) {
            notifyManager(tenant, settled, leadId, record, stage);
        }

        // 4. the summary on the lead's journey
        if (!done(settled, JOURNEY)) {
            step(tenant, settled, leadId, JOURNEY, paid ? LeadStatus.PAID : LeadStatus.REVERSED, summary(settled));
        }
        return markers.steps(settled.invoiceId(), transition);
    }

    /**
     * ISSUED: the deal (or the Bitrix24 lead) gets a timeline comment with the amount, due date, bank and VA number
     * and the payment link, and the lead's journey an INVOICE_ISSUED entry. Nothing moves, nobody is paged.
     */
    private List<String> issued(Tenant tenant, InvoiceSettled settled, String leadId, CrmRecord record) {
        if (!done(settled, DEAL_COMMENTED)) {
            if (record == null) {
                step(tenant, settled, leadId, DEAL_COMMENTED, null, "no CRM deal or lead to tell of invoice "
                        + settled.invoiceId());
            } else {
                crmSteps(tenant, settled, leadId, record, null, true);
            }
        }
        if (!done(settled, JOURNEY)) {
            step(tenant, settled, leadId, JOURNEY, LeadStatus.INVOICE_ISSUED, summary(settled));
        }
        return markers.steps(settled.invoiceId(), settled.kind().name());
    }

    /** Batch keys of one invoice's transition: {@code <invoice>_i_…} (issued), {@code _p_} (paid), {@code _r_} (reversed). */
    private static String prefix(InvoiceSettled settled) {
        return settled.invoiceId() + "_" + switch (settled.kind()) {
            case ISSUED -> "i";
            case PAID -> "p";
            case REVERSED -> "r";
        };
    }

    private void crmSteps(Tenant tenant, InvoiceSettled settled, String leadId, CrmRecord record, String stage,
            boolean comment) {
        String prefix = prefix(settled);
        List<Command> chain = new ArrayList<>();
        Command update = null;
        if (stage != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("STAGE_ID", stage);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("ID", Long.parseLong(record.id()));
            params.put("FIELDS", fields);
            params.put("PARAMS", Map.of("REGISTER_SONET_EVENT", "N"));
            update = new Command(prefix + "_du", "crm.deal.update", params);
            chain.add(update);
        }
        Command note = null;
        if (comment) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ENTITY_ID", Long.parseLong(record.id()));
            fields.put("ENTITY_TYPE", record.type());
            fields.put("COMMENT", comment(settled, stage != null ? stage : null));
            note = new Command(prefix + "_dc", "crm.timeline.comment.add", Map.of("fields", fields));
            chain.add(note);
        }
        Outcome outcome = batcher.submit(TaskDelivery.portal(tenant.bitrix24()), chain);
        Bitrix24Failure failure = null;
        if (update != null) {
            Bitrix24Batch.Error error = unanswered(outcome, update);
            if (error == null) {
                step(tenant, settled, leadId, DEAL_MOVED, LeadStatus.DEAL_MOVED,
                        "Bitrix24 deal " + record.id() + " moved to stage " + stage + " (invoice " + settled.invoiceId() + " paid)");
            } else {
                failure = PortalBatcher.failure(update.method(), error);
            }
        }
        if (note != null) {
            Bitrix24Batch.Error error = unanswered(outcome, note);
            if (error == null) {
                step(tenant, settled, leadId, DEAL_COMMENTED, update == null ? LeadStatus.DEAL_COMMENTED : null,
                        "timeline comment on Bitrix24 " + record.type() + " " + record.id() + ": invoice "
                                + settled.invoiceId() + " " + settled.kind().name().toLowerCase(java.util.Locale.ROOT));
            } else if (failure == null || failure instanceof Bitrix24Failure.Transient) {
                failure = PortalBatcher.failure(note.method(), error);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The sub-call's error; a sub-call with neither result nor error (or {@code false}) counts as unclear (transient). */
    private static Bitrix24Batch.Error unanswered(Outcome outcome, Command command) {
        Bitrix24Batch.Error error = outcome.error(command.key());
        if (error != null) {
            return error;
        }
        JsonNode result = outcome.result(command.key());
        return result == null || result.isNull() || (result.isBoolean() && !result.asBoolean())
                ? new Bitrix24Batch.Error("ERROR_UNEXPECTED_ANSWER", "no result for " + command.method() + " in the batch answer")
                : null;
    }

    private void notifyManager(Tenant tenant, InvoiceSettled settled, String leadId, CrmRecord record, String stage) {
        if (tenant.bitrix24() == null) {
            step(tenant, settled, leadId, MANAGER_NOTIFIED, null, "the tenant has no Bitrix24 portal to notify through");
            return;
        }
        PortalBatcher.Portal portal = TaskDelivery.portal(tenant.bitrix24());
        String prefix = prefix(settled);
        String user = null;
        if (record != null && "deal".equals(record.type())) {
            Command get = new Command(prefix + "_dg", "crm.deal.get", Map.of("id", Long.parseLong(record.id())));
            Outcome got = batcher.submit(portal, List.of(get));
            if (got.error(get.key()) != null) {
                throw PortalBatcher.failure(get.method(), got.error(get.key()));
            }
            JsonNode deal = got.result(get.key());
            String assigned = deal == null ? "" : deal.path("ASSIGNED_BY_ID").asText("");
            user = assigned.isBlank() || assigned.equals("0") ? null : assigned;
        }
        if (user == null) {
            user = tenant.crm().responsible();
        }
        if (user == null) {
            step(tenant, settled, leadId, MANAGER_NOTIFIED, null, "nobody to notify: the deal has no ASSIGNED_BY_ID "
                    + "and the tenant no crm.responsible");
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("USER_ID", Long.parseLong(user));
        params.put("MESSAGE", notification(settled, record, stage));
        Command notify = new Command(prefix + "_mn", "im.notify.system.add", params);
        Outcome sent = batcher.submit(portal, List.of(notify));
        if (sent.error(notify.key()) != null) {
            throw PortalBatcher.failure(notify.method(), sent.error(notify.key()));
        }
        JsonNode id = sent.result(notify.key());
        step(tenant, settled, leadId, MANAGER_NOTIFIED, LeadStatus.MANAGER_NOTIFIED, "Bitrix24 user " + user
                + " notified of invoice " + settled.invoiceId() + " " + settled.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (id == null || id.isBoolean() ? "" : " (notification " + id.asText() + ")"));
    }

    /** Marks the step and writes its journey entry (when there is a lead and a status) in one transaction. */
    private void step(Tenant tenant, InvoiceSettled settled, String leadId, String step, String status, String detail) {
        tx.executeWithoutResult(s -> {
            if (markers.mark(tenant.id(), settled.invoiceId(), settled.kind().name(), step, detail) && leadId != null
                    && status != null) {
                ledger.advance(leadId, status, detail);
                if (JOURNEY.equals(step)) {
                    refs(leadId, settled);
                }
            }
        });
    }

    private void refs(String leadId, InvoiceSettled settled) {
        if (ledger.externalRef(leadId, "lintas", "invoice").isEmpty()) {
            ledger.addExternalRef(leadId, "lintas", "invoice", settled.invoiceId());
        }
        if (settled.provider() != null && settled.providerId() != null
                && ledger.externalRef(leadId, settled.provider(), "invoice").isEmpty()) {
            ledger.addExternalRef(leadId, settled.provider(), "invoice", settled.providerId());
        }
        if (settled.dealId() != null && ledger.externalRef(leadId, CrmDelivery.SYSTEM, "deal").isEmpty()) {
            ledger.addExternalRef(leadId, CrmDelivery.SYSTEM, "deal", settled.dealId());
        }
    }

    private boolean done(InvoiceSettled settled, String step) {
        return markers.done(settled.invoiceId(), settled.kind().name(), step).isPresent();
    }

    /** The invoice's deal, else its lead's deal or Bitrix24 lead from delivery; null when none (or no portal). */
    static CrmRecord crmRecordOf(InvoiceSettled settled, Map<String, String> leadRefs) {
        if (numeric(settled.dealId())) {
            return new CrmRecord("deal", settled.dealId());
        }
        String deal = leadRefs.get(CrmDelivery.SYSTEM + ":deal");
        if (numeric(deal)) {
            return new CrmRecord("deal", deal);
        }
        String lead = leadRefs.get(CrmDelivery.SYSTEM + ":lead");
        return numeric(lead) ? new CrmRecord("lead", lead) : null;
    }

    private CrmRecord crmRecord(Tenant tenant, InvoiceSettled settled, String leadId) {
        if (tenant.bitrix24() == null) {
            return null;
        }
        return crmRecordOf(settled, leadId == null ? Map.of() : ledger.externalRefs(leadId));
    }

    private static String paidStage(Tenant tenant, InvoiceSettled settled) {
        if (settled.paidStage() != null && !settled.paidStage().isBlank()) {
            return settled.paidStage();
        }
        return tenant.billing() == null ? null : tenant.billing().paidStage();
    }

    static String comment(InvoiceSettled s, String stage) {
        if (s.kind() == InvoiceSettled.Kind.ISSUED) {
            return "Invoice " + s.invoiceId() + " issued: " + money(s.amount(), s.currency()) + " via " + s.provider()
                    + (s.providerId() == null ? "" : " (" + s.providerId() + ")")
                    + (s.dueDate() == null ? "" : ", due " + s.dueDate()) + "."
                    + (s.vaNumber() == null ? "" : "\nPay to " + (s.bank() == null ? "" : s.bank() + " ") + "virtual account "
                            + s.vaNumber() + ".")
                    + (s.paymentLink() == null ? "" : "\nPayment link: " + s.paymentLink())
                    + "\nLintas";
        }
        if (s.kind() == InvoiceSettled.Kind.PAID) {
            return "Invoice " + s.invoiceId() + " paid: " + money(s.amountPaid() != null ? s.amountPaid() : s.amount(), s.currency())
                    + (s.amount() != null && s.amountPaid() != null && s.amountPaid().compareTo(s.amount()) != 0
                            ? " (invoiced " + money(s.amount(), s.currency()) + ")" : "")
                    + " via " + s.provider() + (s.providerId() == null ? "" : " (" + s.providerId() + ")") + "."
                    + (stage == null ? "" : "\nDeal moved to stage " + stage + ".") + "\nLintas";
        }
        return "Payment of invoice " + s.invoiceId() + " REVERSED by " + s.provider()
                + (s.providerId() == null ? "" : " (" + s.providerId() + ")") + ": " + money(s.amount(), s.currency())
                + " is no longer paid. Nothing was undone: please check the deal and its task.\nLintas";
    }

    static String notification(InvoiceSettled s, CrmRecord record, String stage) {
        String where = record == null ? "" : " (Bitrix24 " + record.type() + " " + record.id() + ")";
        if (s.kind() == InvoiceSettled.Kind.PAID) {
            return "Invoice " + s.invoiceId() + where + " paid: " + money(s.amountPaid() != null ? s.amountPaid() : s.amount(),
                    s.currency()) + " via " + s.provider() + "."
                    + (record != null && "deal".equals(record.type()) && stage != null ? " The deal is now in stage " + stage + "." : "");
        }
        return "Attention: the payment of invoice " + s.invoiceId() + where + " was REVERSED by " + s.provider() + " ("
                + money(s.amount(), s.currency()) + "). Nothing was undone automatically.";
    }

    private static String summary(InvoiceSettled s) {
        if (s.kind() == InvoiceSettled.Kind.ISSUED) {
            return "Invoice " + s.invoiceId() + " issued: " + money(s.amount(), s.currency()) + " via " + s.provider()
                    + (s.providerId() == null ? "" : " (" + s.providerId() + ")")
                    + (s.vaNumber() == null ? "" : ", " + (s.bank() == null ? "" : s.bank() + " ") + "VA " + s.vaNumber())
                    + (s.dueDate() == null ? "" : ", due " + s.dueDate())
                    + (s.paymentLink() == null ? "" : ", " + s.paymentLink());
        }
        return "Invoice " + s.invoiceId() + (s.kind() == InvoiceSettled.Kind.PAID ? " paid: " : " reversed: ")
                + money(s.kind() == InvoiceSettled.Kind.PAID && s.amountPaid() != null ? s.amountPaid() : s.amount(), s.currency())
                + " via " + s.provider() + (s.providerId() == null ? "" : " (" + s.providerId() + ")");
    }

    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "?";
        }
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString() + (currency == null ? "" : " " + currency);
    }

    private static boolean numeric(String id) {
        return id != null && id.matches("[0-9]{1,18}");
    }
}
