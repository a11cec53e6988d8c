package io.lintas.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.jira.Adf;
import io.lintas.connector.jira.IssueDraft;
import io.lintas.connector.jira.IssueRef;
import io.lintas.connector.jira.JiraCall;
import io.lintas.connector.jira.JiraRequests;
import io.lintas.connector.jira.JiraResponses;
import io.lintas.connector.jira.JiraSettings;
import io.lintas.testing.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jira stand-in with the contract sheet's shapes (billing-tasks-sms.md §5), driven by the
 * hub's own request builders and answer readers (io.lintas.connector.jira), so what the connector
 * sends is what the sandbox reads.
 */
class SandboxJiraTest {

    static SandboxServer sandbox;
    static SandboxClient client;
    static final JiraSettings SITE = new JiraSettings("http://127.0.0.1", "fred@example.com", "token", "OPS", "Task",
            null, null, null);

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(0, 2, 50, new TestClock(Instant.parse("2026-01-20T08:00:00Z")));
        client = new SandboxClient(sandbox.jiraUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static SandboxClient.Answer send(JiraCall call) {
        return client.jira(call.method(), call.resolvedPath(), call.body());
    }

    static IssueRef create(String leadId) {
        IssueDraft draft = new IssueDraft(leadId, "Call back Budi",
                Adf.doc(Adf.paragraph("Phone ending 7890"), Adf.paragraph("From the contact form")),
                LocalDate.parse("2026-01-21"), null);
        SandboxClient.Answer answer = send(JiraRequests.createIssue(SITE, draft));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("X-Lintas-Sandbox")).isEqualTo("true");
        return JiraResponses.created(answer.text());
    }

    @Test
    void createAnswers201WithIdKeyAndSelfOnly() {
        SandboxClient.Answer answer = send(JiraRequests.createIssue(SITE, new IssueDraft("01HJIRA000000000000000001", "First", null, null, null)));

        assertThat(answer.status()).isEqualTo(201);
        List<String> keys = new java.util.ArrayList<>();
        answer.json().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "key", "self");
        assertThat(answer.json().path("key").asText()).matches("OPS-\\d+");
        assertThat(answer.json().path("self").asText()).isEqualTo(sandbox.jiraUrl() + "/rest/api/3/issue/" + answer.json().path("id").asText());
    }

    @Test
    void aMissingSummaryOrAPlainTextDescriptionIsA400InJirasErrorShape() {
        SandboxClient.Answer answer = client.jira("POST", "/rest/api/3/issue",
                "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"issuetype\":{\"name\":\"Task\"},\"description\":\"plain text\"}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errorMessages").isArray()).isTrue();
        assertThat(answer.json().path("errors").path("summary").asText()).isEqualTo("You must specify a summary of the issue.");
        assertThat(answer.json().path("errors").path("description").asText()).contains("Atlassian Document");
    }

    @Test
    void withoutBasicCredentialsItIs401() {
        SandboxClient.Answer answer = client.send(HttpRequest.newBuilder(URI.create(sandbox.jiraUrl() + "/rest/api/3/issue"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fields\":{}}")));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("errorMessages")).isNotEmpty();
    }

    @Test
    void searchByTheLeadLabelFindsTheIssueAndNothingForAnotherLead() {
        IssueRef created = create("01HJIRA000000000000000002");

        SandboxClient.Answer found = send(JiraRequests.findByLead("01HJIRA000000000000000002"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("isLast").asBoolean()).isTrue();
        assertThat(found.json().has("nextPageToken")).isFalse();
        assertThat(found.json().path("issues").get(0).path("fields").path("status").path("statusCategory").path("key").asText())
                .isEqualTo("new");
        Optional<IssueRef> first = JiraResponses.firstIssue(found.text());
        assertThat(first).isPresent();
        assertThat(first.get().key()).isEqualTo(created.key());

        SandboxClient.Answer none = send(JiraRequests.findByLead("01HJIRA00000000000000OTHER"));
        assertThat(JiraResponses.firstIssue(none.text())).isEmpty();
        assertThat(none.json().path("issues").isArray()).isTrue();
    }

    @Test
    void jqlTheSandboxCannotReadIsA400ThatSaysSo() {
        SandboxClient.Answer answer = client.jira("POST", "/rest/api/3/search/jql", "{\"jql\":\"assignee = currentUser()\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errorMessages").get(0).asText()).contains("sandbox");
    }

    @Test
    void theDoneTransitionIsFoundAppliedWith204AndTheIssueIsDone() {
        IssueRef issue = create("01HJIRA000000000000000003");

        SandboxClient.Answer transitions = send(JiraRequests.transitions(issue.key()));
        assertThat(transitions.status()).isEqualTo(200);
        Optional<String> done = JiraResponses.doneTransition(transitions.text(), List.of("done"));
        assertThat(done).contains("31");

        SandboxClient.Answer applied = send(JiraRequests.transition(issue.key(), done.get()));
        assertThat(applied.status()).isEqualTo(204);
        assertThat(applied.text()).isEmpty();

        SandboxClient.Answer after = send(JiraRequests.issue(issue.key()));
        assertThat(JiraResponses.statusCategory(after.text())).isEqualTo("done");
        assertThat(JiraResponses.statusName(after.text())).isEqualTo("Done");
        assertThat(sandbox.jira().stats().transitions()).isPositive();
    }

    @Test
    void anUnknownTransitionIs400AndAnUnknownIssue404() {
        IssueRef issue = create("01HJIRA000000000000000004");
        assertThat(send(JiraRequests.transition(issue.key(), "99")).status()).isEqualTo(400);
        SandboxClient.Answer missing = send(JiraRequests.transitions("NOPE-1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("errorMessages").get(0).asText()).contains("does not exist");
    }

    @Test
    void assigningAnswers204AndShowsOnTheIssue() {
        IssueRef issue = create("01HJIRA000000000000000005");
        assertThat(send(JiraRequests.assign(issue.key(), "5b10ac8d82e05b22cc7d4ef5")).status()).isEqualTo(204);
        JsonNode fields = send(JiraRequests.issue(issue.key())).json().path("fields");
        assertThat(fields.path("assignee").path("accountId").asText()).isEqualTo("5b10ac8d82e05b22cc7d4ef5");
        assertThat(fields.path("labels").get(0).asText()).isEqualTo("lintas-01HJIRA000000000000000005");
        assertThat(fields.path("duedate").asText()).isEqualTo("2026-01-21");
        assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
    }
}
