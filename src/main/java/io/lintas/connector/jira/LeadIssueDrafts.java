package io.lintas.connector.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.connector.jira.JiraSettings.ContactDetails;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.lead.Redaction;
import io.lintas.lead.Utm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The task a dispatcher gets for a lead. Jira is a third party's system, so the task says what the
 * dispatcher needs and no more: the first name and company, the contact masked unless the tenant
 * asks for it in full, the message with phone numbers and emails in it masked, the campaign, the
 * deadline and the Lintas lead id. Never the free attributes or the raw payload.
 */
public final class LeadIssueDrafts {

    static final int MAX_MESSAGE = 1000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private LeadIssueDrafts() {
    }

    /**
     * @param deadline when the task is due (the SLA), or null; the due date is its local date
     * @param assignee Jira accountId of the dispatcher, or null for the project's default
     */
    public static IssueDraft forLead(Lead lead, ContactDetails details, ZoneId zone, Instant deadline, String assignee) {
        Contact contact = lead.contact();
        String name = details == ContactDetails.FULL ? firstNonBlank(contact.fullName(), firstName(contact)) : firstName(contact);
        String summary = "New lead via " + lead.source() + " (" + lead.channel().name().toLowerCase(Locale.ROOT) + "): "
                + Stream.of(name, contact.company()).filter(LeadIssueDrafts::present).reduce((a, b) -> a + ", " + b)
                        .orElse("no name given");

        List<JsonNode> facts = new ArrayList<>();
        fact(facts, "Name", name);
        fact(facts, "Company", contact.company());
        fact(facts, "Phone", contactValues(contact.phones(), details));
        fact(facts, "Email", contactValues(contact.emails(), details));
        fact(facts, "Campaign", campaign(lead.utm()));
        fact(facts, "Received", LOCAL.format(lead.receivedAt().atZone(zone)) + " (" + zone.getId() + ")");
        if (deadline != null) {
            fact(facts, "Due", LOCAL.format(deadline.atZone(zone)) + " (" + zone.getId() + ")");
        }
        fact(facts, "Lintas lead", lead.id());

        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Adf.paragraph("A new lead came in via " + lead.source() + " ("
                + lead.channel().name().toLowerCase(Locale.ROOT) + "). Please get in touch"
                + (deadline == null ? "." : " before it is due.")));
        blocks.add(Adf.bulletList(facts));
        if (present(lead.message())) {
            String message = details == ContactDetails.FULL ? lead.message() : Redaction.mask(lead.message());
            message = message.strip();
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "…";
            }
            blocks.add(Adf.heading(3, "Message"));
            blocks.add(Adf.paragraph(message));
        }
        ObjectNode description = Adf.doc(blocks);
        LocalDate due = deadline == null ? null : LocalDate.ofInstant(deadline, zone);
        return new IssueDraft(lead.id(), summary, description, due, assignee);
    }

    private static void fact(List<JsonNode> facts, String label, String value) {
        if (present(value)) {
            facts.add(Adf.listItem(Adf.paragraph(Adf.strong(label + ": "), Adf.text(value.strip()))));
        }
    }

    private static String contactValues(List<String> values, ContactDetails details) {
        if (values.isEmpty()) {
            return null;
        }
        return String.join(", ", details == ContactDetails.FULL ? values : values.stream().map(Redaction::mask).toList());
    }

    private static String campaign(Utm utm) {
        if (utm == null || utm.hasNoTags()) {
            return null;
        }
        return String.join(" / ", Stream.of(utm.source(), utm.medium(), utm.campaign()).filter(LeadIssueDrafts::present).toList());
    }

    private static String firstName(Contact contact) {
        if (present(contact.firstName())) {
            return contact.firstName();
        }
        if (present(contact.fullName())) {
            return contact.fullName().strip().split("\\s+")[0];
        }
        return null;
    }

    private static String firstNonBlank(String a, String b) {
        return present(a) ? a : b;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
