package io.lintas.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.PortalBatcher;
import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.connector.bitrix24.PortalBatcher.Outcome;
import io.lintas.connector.jira.IssueRef;
import io.lintas.connector.jira.JiraIssues;
import io.lintas.connector.jira.LeadIssueDrafts;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.routing.RoundRobinPositions;
import io.lintas.tenant.Bitrix24Config;
import io.lintas.tenant.TaskSystem;
import io.lintas.tenant.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatcher's task for a lead, exactly once, in the tenant's task system: a Bitrix24 task bound
 * to the lead's CRM record ({@code UF_CRM_TASK}), or a Jira issue labelled with the lead id. Its
 * deadline is the tenant's SLA in business hours, in the tenant's time zone.
 *
 * <p>Exactly once: the ledger's task ref is checked first; a Bitrix24 attempt that reaches the portal
 * looks for the task by its title (which carries the lead id) before adding it; Jira looks for the
 * label ({@link JiraIssues#ensureIssue}).
 */
public class TaskDelivery {

    static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final LeadLedger ledger;
    private final PortalBatcher batcher;
    private final JiraIssues jira;
    private final RoundRobinPositions positions;

    public TaskDelivery(LeadLedger ledger, PortalBatcher batcher, JiraIssues jira, RoundRobinPositions positions) {
        this.ledger = ledger;
        this.batcher = batcher;
        this.jira = jira;
        this.positions = positions;
    }

    /** A task made or found: in which system, its id, whether this call created it. */
    public record TaskRef(String system, String id, boolean created, String detail) {
    }

    /** True when the tenant wants tasks at all. */
    public static boolean wanted(Tenant tenant) {
        return tenant.tasks() != TaskSystem.NONE;
    }

    public Optional<TaskRef> deliver(Tenant tenant, Lead lead) {
        if (!wanted(tenant)) {
            return Optional.empty();
        }
        String system = system(tenant);
        Optional<String> known = ledger.externalRef(lead.id(), system, "task");
        if (known.isPresent()) {
            return Optional.of(new TaskRef(system, known.get(), false, "task already recorded"));
        }
        ZoneId zone = tenant.timeZone();
        Instant deadline = tenant.sla().taskDeadline(lead.receivedAt(), zone);
        String responsible = tenant.routing().dispatcherFor(tenant.id(), lead.id(), positions);
        if (responsible == null) {
            responsible = tenant.crm().responsible();
        }
        TaskRef ref = tenant.tasks() == TaskSystem.JIRA
                ? jiraIssue(tenant, lead, deadline, responsible)
                : bitrix24Task(tenant, lead, deadline, responsible);
        ledger.addExternalRef(lead.id(), system, "task", ref.id());
        ledger.advance(lead.id(), LeadStatus.TASK_CREATED, ref.detail());
        return Optional.of(ref);
    }

    /**
     * Completes the lead's task (issue 5 calls this when the deal is paid): {@code tasks.task.complete}
     * or Jira's done transition. Completing twice is harmless.
     *
     * @return false when the lead has no task
     */
    public boolean complete(Tenant tenant, String leadId) {
        if (!wanted(tenant)) {
            return false;
        }
        String system = system(tenant);
        Optional<String> task = ledger.externalRef(leadId, system, "task");
        if (task.isEmpty()) {
            return false;
        }
        String detail;
        if (tenant.tasks() == TaskSystem.JIRA) {
            JiraIssues.Closed closed = jira.close(tenant.jira(), task.get());
            detail = "Jira issue " + task.get() + (closed == JiraIssues.Closed.TRANSITIONED ? " moved to done" : " was already done");
        } else {
            Command complete = new Command(Bitrix24LeadCommands.prefix(leadId) + "_tc", "tasks.task.complete",
                    Map.of("taskId", Long.parseLong(task.get())));
            Outcome outcome = batcher.submit(portal(tenant.bitrix24()), List.of(complete));
            Bitrix24Batch.Error error = outcome.error(complete.key());
            if (error != null) {
                throw PortalBatcher.failure(complete.method(), error);
            }
            detail = "Bitrix24 task " + task.get() + " completed";
        }
        ledger.advance(leadId, LeadStatus.TASK_DONE, detail);
        return true;
    }

    private TaskRef jiraIssue(Tenant tenant, Lead lead, Instant deadline, String assignee) {
        IssueRef issue = jira.ensureIssue(tenant.jira(),
                LeadIssueDrafts.forLead(lead, tenant.jira().contactDetails(), tenant.timeZone(), deadline, assignee));
        return new TaskRef("jira", issue.key(), issue.created(), "Jira issue " + issue.key()
                + (issue.created() ? " created" : " found by its label (an earlier attempt created it)")
                + ", due " + DEADLINE.format(deadline.atZone(tenant.timeZone())));
    }

    private TaskRef bitrix24Task(Tenant tenant, Lead lead, Instant deadline, String responsible) {
        PortalBatcher.Portal portal = portal(tenant.bitrix24());
        String title = title(lead);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("TITLE", title);
        Map<String, Object> listParams = new LinkedHashMap<>();
        listParams.put("filter", filter);
        listParams.put("select", List.of("ID"));
        Command find = new Command(Bitrix24LeadCommands.prefix(lead.id()) + "_tl", "tasks.task.list", listParams);
        Outcome found = batcher.submit(portal, List.of(find));
        if (found.error(find.key()) != null) {
            throw PortalBatcher.failure(find.method(), found.error(find.key()));
        }
        String due = DEADLINE.format(deadline.atZone(tenant.timeZone()));
        Optional<String> existing = firstTask(found.result(find.key()));
        if (existing.isPresent()) {
            return new TaskRef(CrmDelivery.SYSTEM, existing.get(), false, "Bitrix24 task " + existing.get()
                    + " found by its title (an earlier attempt created it), due " + due);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TITLE", title);
        fields.put("RESPONSIBLE_ID", responsible);
        fields.put("DEADLINE", due);
        fields.put("DESCRIPTION", description(lead, tenant.timeZone(), due));
        List<String> bindings = bindings(lead.id());
        if (!bindings.isEmpty()) {
            fields.put("UF_CRM_TASK", bindings);
        }
        Command add = new Command(Bitrix24LeadCommands.prefix(lead.id()) + "_ta", "tasks.task.add", Map.of("fields", fields));
        Outcome made = batcher.submit(portal, List.of(add));
        if (made.error(add.key()) != null) {
            throw PortalBatcher.failure(add.method(), made.error(add.key()));
        }
        JsonNode task = made.result(add.key());
        String id = task == null ? "" : task.path("task").path("id").asText("");
        if (id.isEmpty()) {
            throw new Bitrix24Failure.Transient(add.method(), 200, "", "no task id in the answer", null);
        }
        return new TaskRef(CrmDelivery.SYSTEM, id, true, "Bitrix24 task " + id + " created for user " + responsible
                + ", due " + due + (bindings.isEmpty() ? "" : ", bound to " + bindings));
    }

    /** UF_CRM_TASK: the deal (D_), else the lead (L_), and the contact (C_) when known. */
    private List<String> bindings(String leadId) {
        Map<String, String> refs = ledger.externalRefs(leadId);
        List<String> out = new ArrayList<>();
        String deal = refs.get(CrmDelivery.SYSTEM + ":deal");
        String crmLead = refs.get(CrmDelivery.SYSTEM + ":lead");
        if (deal != null) {
            out.add("D_" + deal);
        } else if (crmLead != null) {
            out.add("L_" + crmLead);
        }
        String contact = refs.get(CrmDelivery.SYSTEM + ":contact");
        if (contact != null) {
            out.add("C_" + contact);
        }
        return out;
    }

    /** The title carries the lead id: it is how a retry finds a task whose answer was lost. */
    static String title(Lead lead) {
        return Bitrix24LeadCommands.clip("Contact " + Bitrix24LeadCommands.title(lead), 200) + " [lintas " + lead.id() + "]";
    }

    static String description(Lead lead, ZoneId zone, String due) {
        Contact c = lead.contact();
        StringBuilder s = new StringBuilder("New request via ").append(lead.source()).append(" (")
                .append(lead.channel().name().toLowerCase(Locale.ROOT)).append("). Please get in touch by ").append(due)
                .append(".\n");
        line(s, "Name", c.fullName());
        line(s, "Company", c.company());
        line(s, "Phone", String.join(", ", c.phones()));
        line(s, "Email", String.join(", ", c.emails()));
        line(s, "Received", DEADLINE.format(lead.receivedAt().atZone(zone)));
        if (Bitrix24LeadCommands.present(lead.message())) {
            s.append("\n").append(Bitrix24LeadCommands.clip(lead.message().strip(), 2000)).append("\n");
        }
        s.append("\nLintas lead ").append(lead.id());
        return s.toString();
    }

    private static void line(StringBuilder s, String label, String value) {
        if (Bitrix24LeadCommands.present(value)) {
            s.append(label).append(": ").append(value.strip()).append("\n");
        }
    }

    private static Optional<String> firstTask(JsonNode result) {
        JsonNode tasks = result == null ? null : result.path("tasks");
        if (tasks != null && tasks.isArray() && !tasks.isEmpty()) {
            String id = tasks.get(0).path("id").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        }
        return Optional.empty();
    }

    private static String system(Tenant tenant) {
        return tenant.tasks() == TaskSystem.JIRA ? "jira" : CrmDelivery.SYSTEM;
    }

    static PortalBatcher.Portal portal(Bitrix24Config portal) {
        return new PortalBatcher.Portal(portal.portalKey(), portal.webhookUrl(), portal.ratePlan());
    }
}
