package io.lintas.connector.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** The Jira Cloud REST v3 calls Lintas makes, with their exact bodies (contract sheet §5). */
public final class JiraRequests {

    public static final String ISSUE = "/rest/api/3/issue";
    public static final String ONE_ISSUE = "/rest/api/3/issue/" + JiraCall.ISSUE_PLACEHOLDER;
    public static final String TRANSITIONS = "/rest/api/3/issue/" + JiraCall.ISSUE_PLACEHOLDER + "/transitions";
    public static final String ASSIGNEE = "/rest/api/3/issue/" + JiraCall.ISSUE_PLACEHOLDER + "/assignee";
    /** Enhanced JQL search (the older /rest/api/3/search is withdrawn). */
    public static final String SEARCH = "/rest/api/3/search/jql";

    /** Label that ties an issue to its lead: {@code lintas-<leadId>}. */
    public static final String LEAD_LABEL_PREFIX = "lintas-";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LEAD_ID = Pattern.compile("[0-9A-Za-z_-]{1,200}");

    private JiraRequests() {
    }

    public static String leadLabel(String leadId) {
        if (leadId == null || !LEAD_ID.matcher(leadId).matches()) {
            throw new IllegalArgumentException("a lead id for a Jira label is letters, digits, '-' and '_' (got " + leadId + ")");
        }
        return LEAD_LABEL_PREFIX + leadId;
    }

    /**
     * {@code POST /rest/api/3/issue}: {@code {"fields":{"project":{"key"},"issuetype":{"name"},"summary",
     * "duedate","description","assignee":{"id"},"labels":["lintas-<leadId>"]}}}. The assignee is the
     * accountId in the {@code id} form of the spec's example.
     */
    public static JiraCall createIssue(JiraSettings site, IssueDraft draft) {
        ObjectNode body = NODES.objectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", site.projectKey());
        fields.putObject("issuetype").put("name", site.issueType());
        fields.put("summary", draft.summary());
        if (draft.dueDate() != null) {
            fields.put("duedate", draft.dueDate().toString());
        }
        if (draft.description() != null) {
            fields.set("description", draft.description());
        }
        if (draft.assignee() != null) {
            fields.putObject("assignee").put("id", draft.assignee());
        }
        if (draft.leadId() != null) {
            fields.putArray("labels").add(leadLabel(draft.leadId()));
        }
        return new JiraCall("POST", ISSUE, null, write(body));
    }

    /**
     * {@code POST /rest/api/3/search/jql} for the issue carrying the lead's label, oldest first, wherever
     * it was moved since: {@code {"jql":"labels = \"lintas-<id>\" ORDER BY created ASC","fields":["status"],"maxResults":2}}.
     */
    public static JiraCall findByLead(String leadId) {
        ObjectNode body = NODES.objectNode();
        body.put("jql", "labels = \"" + leadLabel(leadId) + "\" ORDER BY created ASC");
        body.putArray("fields").add("status");
        body.put("maxResults", 2);
        return new JiraCall("POST", SEARCH, null, write(body));
    }

    /** {@code GET /rest/api/3/issue/{key}/transitions}: what can be done from the issue's status. */
    public static JiraCall transitions(String issue) {
        return new JiraCall("GET", TRANSITIONS, issue, null);
    }

    /** {@code POST /rest/api/3/issue/{key}/transitions} with {@code {"transition":{"id":"<id>"}}}; Jira answers 204. */
    public static JiraCall transition(String issue, String transitionId) {
        ObjectNode body = NODES.objectNode();
        body.putObject("transition").put("id", transitionId);
        return new JiraCall("POST", TRANSITIONS, issue, write(body));
    }

    /** {@code GET /rest/api/3/issue/{key}}: its status, among the rest. */
    public static JiraCall issue(String issue) {
        return new JiraCall("GET", ONE_ISSUE, issue, null);
    }

    /** {@code PUT /rest/api/3/issue/{key}/assignee} with {@code {"accountId":"<id>"}}; Jira answers 204. */
    public static JiraCall assign(String issue, String accountId) {
        ObjectNode body = NODES.objectNode();
        body.put("accountId", accountId);
        return new JiraCall("PUT", ASSIGNEE, issue, write(body));
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
