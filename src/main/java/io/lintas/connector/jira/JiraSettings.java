package io.lintas.connector.jira;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lintas.tenant.Secrets;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A tenant's Jira Cloud site and where its lead tasks go.
 *
 * @param siteUrl          {@code https://<site>.atlassian.net} (no trailing slash); plain http only for a loopback stand-in
 * @param email            the Atlassian account the API token belongs to
 * @param apiToken         the API token (secret)
 * @param projectKey       project of the tasks, e.g. OPS
 * @param issueType        issue type name, e.g. Task
 * @param doneCategories   status category keys that count as done (Jira's own key is {@code done})
 * @param contactDetails   how much of the person's contact the task shows
 * @param timeout          how long one call may wait for Jira's answer
 */
public record JiraSettings(
        String siteUrl,
        String email,
        String apiToken,
        String projectKey,
        String issueType,
        List<String> doneCategories,
        ContactDetails contactDetails,
        Duration timeout) {

    /** Contact details in a task: masked (last digits of the phone, the email's domain) or full. */
    public enum ContactDetails { MASKED, FULL }

    public static final List<String> DEFAULT_DONE_CATEGORIES = List.of("done");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");

    public JiraSettings {
        siteUrl = siteUrl == null ? null : siteUrl.replaceAll("/+$", "");
        doneCategories = doneCategories == null || doneCategories.isEmpty() ? DEFAULT_DONE_CATEGORIES
                : doneCategories.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        contactDetails = contactDetails == null ? ContactDetails.MASKED : contactDetails;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Secrets never appear in logs: this is what a log line or error message may show. */
    @Override
    public String toString() {
        return "JiraSettings[siteUrl=" + siteUrl + ", email=" + email + ", apiToken=" + Secrets.mask(apiToken)
                + ", projectKey=" + projectKey + ", issueType=" + issueType + ", doneCategories=" + doneCategories
                + ", contactDetails=" + contactDetails + ", timeout=" + timeout + "]";
    }

    /** The YAML shape of a tenant's {@code jira} section (strict: unknown keys are problems). */
    public static final class Model {
        public String site;
        public String email;
        @JsonProperty("api-token")
        public String apiToken;
        public String project;
        @JsonProperty("issue-type")
        public String issueType;
        @JsonProperty("done-categories")
        public List<String> doneCategories;
        @JsonProperty("contact-details")
        public String contactDetails;
        public String timeout;
    }

    /**
     * Checks the section and builds it; a missing section is null (the tenant has no Jira).
     * Problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    public static JiraSettings check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        String prefix = where + ", jira: ";
        int before = problems.size();
        String site = resolve.apply(model.site);
        if (site == null || !validSite(site.strip())) {
            problems.add(prefix + "site must be the Jira Cloud base URL, e.g. https://your-domain.atlassian.net"
                    + " (plain http only for 127.0.0.1/localhost) (got " + site + ")");
        }
        String email = resolve.apply(model.email);
        if (email == null || !email.contains("@") || email.contains(")")) {
            problems.add(prefix + "email of the account that owns the API token is required");
        }
        String token = resolve.apply(model.apiToken);
        if (token == null || token.isBlank()) {
            problems.add(prefix + "api-token is required (use a ${ENV_VAR} placeholder)");
        } else if (token.contains(")")) {
            // the connector passes it RAW(...); Atlassian tokens are base64url with '=', never ')'
            problems.add(prefix + "api-token must not contain ')': is it an Atlassian API token?");
        }
        String project = resolve.apply(model.project);
        if (project == null || !PROJECT_KEY.matcher(project.strip()).matches()) {
            problems.add(prefix + "project must be a project key such as OPS (got " + project + ")");
        }
        String issueType = resolve.apply(model.issueType);
        List<String> done = new ArrayList<>();
        if (model.doneCategories != null) {
            for (String c : model.doneCategories) {
                String category = resolve.apply(c);
                if (category == null || category.isBlank()) {
                    problems.add(prefix + "done-categories has a blank entry");
                } else {
                    done.add(category);
                }
            }
        }
        ContactDetails contact = null;
        String contactText = resolve.apply(model.contactDetails);
        if (contactText != null) {
            try {
                contact = ContactDetails.valueOf(contactText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "contact-details must be masked or full (got " + contactText + ")");
            }
        }
        Duration timeout = null;
        String timeoutText = resolve.apply(model.timeout);
        if (timeoutText != null) {
            try {
                String t = timeoutText.strip();
                timeout = Duration.parse(t.startsWith("P") ? t : "PT" + t.toUpperCase(Locale.ROOT));
            } catch (DateTimeException e) {
                timeout = null;
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add(prefix + "timeout must be a positive duration such as 30s (got " + timeoutText + ")");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new JiraSettings(site.strip(), email.strip(), token, project.strip(),
                issueType == null || issueType.isBlank() ? "Task" : issueType.strip(), done, contact, timeout);
    }

    private static boolean validSite(String site) {
        try {
            URI uri = URI.create(site);
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return false;
            }
            if ("https".equals(uri.getScheme())) {
                return true;
            }
            return "http".equals(uri.getScheme())
                    && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
