package io.lintas.connector.jira;

import java.util.regex.Pattern;

/**
 * One Jira REST call.
 *
 * @param method HTTP method
 * @param path   path under the site, with {@code {issue}} where the issue key goes, e.g.
 *               {@code /rest/api/3/issue/{issue}/transitions}; a fixed set, so one connector route serves each
 * @param issue  the issue id or key for {@code {issue}}, or null
 * @param body   JSON request body, or null
 */
public record JiraCall(String method, String path, String issue, String body) {

    public static final String ISSUE_PLACEHOLDER = "{issue}";
    private static final Pattern ISSUE_ID_OR_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-[0-9]+|[0-9]+");

    public JiraCall {
        if (path.contains(ISSUE_PLACEHOLDER) && (issue == null || !ISSUE_ID_OR_KEY.matcher(issue).matches())) {
            throw new IllegalArgumentException("not a Jira issue key or id: " + issue);
        }
    }

    /** The path with the issue filled in. */
    public String resolvedPath() {
        return issue == null ? path : path.replace(ISSUE_PLACEHOLDER, issue);
    }

    /** A call that changes something in Jira: its outcome is unknown when no answer came. */
    public boolean writes() {
        return !"GET".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + resolvedPath();
    }
}
