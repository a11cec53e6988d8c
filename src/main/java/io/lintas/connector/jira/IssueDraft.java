package io.lintas.connector.jira;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * What a new Jira issue says.
 *
 * @param leadId      the Lintas lead id: stored on the issue as the label {@code lintas-<leadId>}, so a
 *                    retry finds the issue instead of making a second one; null for an issue no lead owns
 * @param summary     one line, at most 255 characters
 * @param description ADF document, or null
 * @param dueDate     due date, or null
 * @param assignee    Jira accountId of the responsible user, or null for the project's default
 */
public record IssueDraft(String leadId, String summary, ObjectNode description, LocalDate dueDate, String assignee) {

    public static final int MAX_SUMMARY = 255;

    public IssueDraft {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("an issue needs a summary");
        }
        summary = summary.replaceAll("[\\p{Cntrl}]+", " ").strip();
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
    }
}
