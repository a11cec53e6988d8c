package io.lintas.connector.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads Jira's answers: a created issue, a search result, the transitions of an issue, an issue's status. */
public final class JiraResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JiraResponses() {
    }

    /** {@code 201 {"id":"10000","key":"ED-24","self":...}}. */
    public static IssueRef created(String body) {
        JsonNode json = read(body);
        String id = json.path("id").asText(null);
        String key = json.path("key").asText(null);
        if (id == null || key == null) {
            throw new JiraPermanentException("Jira created an issue but its answer has no id and key", 201, List.of(), null);
        }
        return new IssueRef(id, key, true);
    }

    /** The first issue of a search answer {@code {"issues":[{"id":..,"key":..}, ...]}}, if any. */
    public static Optional<IssueRef> firstIssue(String body) {
        JsonNode issue = read(body).path("issues").path(0);
        if (issue.isMissingNode() || !issue.hasNonNull("key")) {
            return Optional.empty();
        }
        return Optional.of(new IssueRef(issue.path("id").asText(null), issue.get("key").asText(), false));
    }

    /**
     * The id of the first available transition whose target status is in one of {@code doneCategories}
     * (status category keys, compared without case) in a {@code GET .../transitions} answer.
     */
    public static Optional<String> doneTransition(String body, List<String> doneCategories) {
        for (JsonNode t : read(body).path("transitions")) {
            String category = t.path("to").path("statusCategory").path("key").asText("");
            boolean available = !t.has("isAvailable") || t.get("isAvailable").asBoolean(true);
            if (available && doneCategories.contains(category.toLowerCase(Locale.ROOT)) && t.hasNonNull("id")) {
                return Optional.of(t.get("id").asText());
            }
        }
        return Optional.empty();
    }

    /** "Close Issue → In Progress (in-flight)", one per transition: for an error message. */
    public static List<String> describeTransitions(String body) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : read(body).path("transitions")) {
            names.add(t.path("name").asText("?") + " → " + t.path("to").path("name").asText("?")
                    + " (" + t.path("to").path("statusCategory").path("key").asText("?") + ")");
        }
        return names;
    }

    /** The status category key of a {@code GET /rest/api/3/issue/{key}} answer, lower case; "" when absent. */
    public static String statusCategory(String body) {
        return read(body).path("fields").path("status").path("statusCategory").path("key").asText("").toLowerCase(Locale.ROOT);
    }

    /** The status name of a {@code GET /rest/api/3/issue/{key}} answer; "" when absent. */
    public static String statusName(String body) {
        return read(body).path("fields").path("status").path("name").asText("");
    }

    private static JsonNode read(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            throw new JiraPermanentException("Jira answered with something that is not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    200, List.of(), null);
        }
    }
}
