package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.jira.JiraSettings.ContactDetails;
import io.lintas.lead.Channel;
import io.lintas.lead.Contact;
import io.lintas.lead.Lead;
import io.lintas.lead.Utm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadIssueDraftsTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Lead LEAD = new Lead("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "acme", Channel.FORM, "tilda", "1111:222",
            Instant.parse("2026-11-25T08:15:00Z"),
            new Contact("Budi Santoso", "Budi", "Santoso", List.of("+6281234567890"), List.of("budi.santoso@example.co.id"), "PT Maju"),
            "Please call me at 0812 9876 5432 or mail budi@work.example.com\nabout 3 units",
            new Utm("google", "cpc", "winter-sale", null, null), true,
            Map.of("nik", "3171234567890001", "address", "Jl. Merdeka 17"), "ledger:payload/01JQ7Z8X9Y0ABCDEFGHJKMNPQR");

    @Test
    void theTaskSaysWhatTheDispatcherNeedsAndMasksTheRest() {
        Instant deadline = Instant.parse("2026-11-25T12:15:00Z");

        IssueDraft draft = LeadIssueDrafts.forLead(LEAD, ContactDetails.MASKED, JAKARTA, deadline, "5b10ac8d82e05b22cc7d4ef5");

        assertThat(draft.leadId()).isEqualTo("01JQ7Z8X9Y0ABCDEFGHJKMNPQR");
        assertThat(draft.summary()).isEqualTo("New lead via tilda (form): Budi, PT Maju");
        assertThat(draft.dueDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(draft.assignee()).isEqualTo("5b10ac8d82e05b22cc7d4ef5");
        String description = draft.description().toString();
        assertThat(description)
                .contains("\"text\":\"***890\"", "\"text\":\"***@example.co.id\"", "\"text\":\"google / cpc / winter-sale\"")
                .contains("\"text\":\"2026-11-25 15:15 (Asia/Jakarta)\"", "\"text\":\"2026-11-25 19:15 (Asia/Jakarta)\"")
                .contains("\"text\":\"01JQ7Z8X9Y0ABCDEFGHJKMNPQR\"", "\"text\":\"about 3 units\"")
                .doesNotContain("Santoso", "81234567", "budi.santoso@", "budi@work", "9876")
                .doesNotContain("3171234567890001", "Merdeka", "ledger:payload", "1111:222");
        assertThat(draft.description().path("type").asText()).isEqualTo("doc");
        assertThat(draft.description().path("content").get(1).path("type").asText()).isEqualTo("bulletList");
    }

    @Test
    void fullContactDetailsWhenTheTenantAsksForThem() {
        IssueDraft draft = LeadIssueDrafts.forLead(LEAD, ContactDetails.FULL, JAKARTA, null, null);

        assertThat(draft.summary()).isEqualTo("New lead via tilda (form): Budi Santoso, PT Maju");
        assertThat(draft.description().toString()).contains("+6281234567890", "budi.santoso@example.co.id", "0812 9876 5432")
                .doesNotContain("3171234567890001", "Merdeka");
        assertThat(draft.dueDate()).isNull();
        assertThat(draft.assignee()).isNull();
        assertThat(draft.description().toString()).doesNotContain("Due: ");
    }

    @Test
    void theDueDateIsTheDeadlinesDateInTheTenantsZone() {
        Instant lateUtc = Instant.parse("2026-11-25T18:30:00Z");   // 01:30 on the 26th in Jakarta

        assertThat(LeadIssueDrafts.forLead(LEAD, ContactDetails.MASKED, JAKARTA, lateUtc, null).dueDate())
                .isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(LeadIssueDrafts.forLead(LEAD, ContactDetails.MASKED, ZoneId.of("Europe/Moscow"), lateUtc, null).dueDate())
                .isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void aLeadWithoutNameOrMessage() {
        Lead bare = new Lead("01JQ7Z8X9Y0ABCDEFGHJKMNPQS", "acme", Channel.CALL, "twilio", "CA123", Instant.parse("2026-11-25T08:15:00Z"),
                new Contact(null, null, null, List.of("+6281234567890"), List.of(), null), null, null, null, null, null);

        IssueDraft draft = LeadIssueDrafts.forLead(bare, ContactDetails.MASKED, JAKARTA, null, null);

        assertThat(draft.summary()).isEqualTo("New lead via twilio (call): no name given");
        assertThat(draft.description().toString()).doesNotContain("Message", "Name: ", "Campaign");
    }

    @Test
    void aLongMessageIsCut() {
        Lead chatty = new Lead("01JQ7Z8X9Y0ABCDEFGHJKMNPQT", "acme", Channel.FORM, "html", null, Instant.parse("2026-11-25T08:15:00Z"),
                new Contact("Ani", "Ani", null, List.of(), List.of(), null), "a".repeat(5000), null, null, null, null);

        String message = LeadIssueDrafts.forLead(chatty, ContactDetails.MASKED, JAKARTA, null, null)
                .description().path("content").get(3).path("content").get(0).path("text").asText();

        assertThat(message).hasSize(LeadIssueDrafts.MAX_MESSAGE + 1).endsWith("…");
    }
}
