package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The tenant YAML {@code jira} section. */
class JiraSettingsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, String> ENV = Map.of("${JIRA_TOKEN}", "ATATT3xFfGF0-secret=");
    private static final UnaryOperator<String> RESOLVE = v -> v == null ? null : ENV.getOrDefault(v, v);
    private final List<String> problems = new ArrayList<>();

    @Test
    void aFullSection() throws Exception {
        JiraSettings jira = check("""
                site: https://acme.atlassian.net/
                email: ops-bot@acme.co.id
                api-token: ${JIRA_TOKEN}
                project: OPS
                issue-type: Service Request
                done-categories: [done, Completed]
                contact-details: full
                timeout: 10s
                """);

        assertThat(problems).isEmpty();
        assertThat(jira).isEqualTo(new JiraSettings("https://acme.atlassian.net", "ops-bot@acme.co.id", "ATATT3xFfGF0-secret=",
                "OPS", "Service Request", List.of("done", "completed"), JiraSettings.ContactDetails.FULL, Duration.ofSeconds(10)));
    }

    @Test
    void defaults() throws Exception {
        JiraSettings jira = check("""
                site: https://acme.atlassian.net
                email: ops-bot@acme.co.id
                api-token: ${JIRA_TOKEN}
                project: OPS
                """);

        assertThat(jira.issueType()).isEqualTo("Task");
        assertThat(jira.doneCategories()).containsExactly("done");
        assertThat(jira.contactDetails()).isEqualTo(JiraSettings.ContactDetails.MASKED);
        assertThat(jira.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noSectionNoJira() {
        assertThat(JiraSettings.check(null, "tenant 'acme'", RESOLVE, problems)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProblemAtOnce() throws Exception {
        JiraSettings jira = check("""
                site: http://acme.atlassian.net
                email: nobody
                project: ops
                contact-details: everything
                timeout: forever
                """);

        assertThat(jira).isNull();
        assertThat(problems).containsExactly(
                "tenant 'acme', jira: site must be the Jira Cloud base URL, e.g. https://your-domain.atlassian.net"
                        + " (plain http only for 127.0.0.1/localhost) (got http://acme.atlassian.net)",
                "tenant 'acme', jira: email of the account that owns the API token is required",
                "tenant 'acme', jira: api-token is required (use a ${ENV_VAR} placeholder)",
                "tenant 'acme', jira: project must be a project key such as OPS (got ops)",
                "tenant 'acme', jira: contact-details must be masked or full (got everything)",
                "tenant 'acme', jira: timeout must be a positive duration such as 30s (got forever)");
    }

    @Test
    void plainHttpOnlyForALoopbackStandIn() throws Exception {
        assertThat(check("site: http://127.0.0.1:8089\nemail: a@b.c\napi-token: t\nproject: ED\n").siteUrl())
                .isEqualTo("http://127.0.0.1:8089");
        assertThat(check("site: https://user:pw@acme.atlassian.net\nemail: a@b.c\napi-token: t\nproject: ED\n")).isNull();
    }

    @Test
    void aTokenThatCannotPassRawIsRefused() throws Exception {
        assertThat(check("site: https://acme.atlassian.net\nemail: a@b.c\napi-token: abc)def\nproject: ED\n")).isNull();
        assertThat(problems).containsExactly("tenant 'acme', jira: api-token must not contain ')': is it an Atlassian API token?");
    }

    @Test
    void theTokenNeverShows() {
        JiraSettings jira = new JiraSettings("https://acme.atlassian.net", "a@b.c", "ATATT3xFfGF0-secret=", "OPS", "Task", null, null, null);

        assertThat(jira.toString()).doesNotContain("ATATT3xFfGF0").contains("apiToken=******");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> YAML.readValue("token: x\n", JiraSettings.Model.class)).hasMessageContaining("token");
    }

    private JiraSettings check(String yaml) throws Exception {
        return JiraSettings.check(YAML.readValue(yaml, JiraSettings.Model.class), "tenant 'acme'", RESOLVE, problems);
    }
}
