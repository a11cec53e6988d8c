package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of calls, with a scripted Jira: look before creating, close through the done category. */
class JiraIssuesTest {

    private static final JiraSettings SITE = new JiraSettings("https://x.atlassian.net", "a@b.c", "t", "ED", "Task", null, null, null);
    private static final IssueDraft DRAFT = new IssueDraft("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "New lead", null, null, null);

    private final Scripted jira = new Scripted();
    private final JiraIssues issues = new JiraIssues(jira);

    @Test
    void anIssueAlreadyMadeForTheLeadIsReturnedAndNoneCreated() throws IOException {
        jira.answer(200, JiraResponsesTest.fixture("search-found.json"));

        assertThat(issues.ensureIssue(SITE, DRAFT)).isEqualTo(new IssueRef("10000", "ED-24", false));
        assertThat(jira.calls).containsExactly("POST /rest/api/3/search/jql");
    }

    @Test
    void otherwiseItIsCreated() throws IOException {
        jira.answer(200, JiraResponsesTest.fixture("search-none.json"));
        jira.answer(201, JiraResponsesTest.fixture("create-issue-201.json"));

        assertThat(issues.ensureIssue(SITE, DRAFT)).isEqualTo(new IssueRef("10000", "ED-24", true));
        assertThat(jira.calls).containsExactly("POST /rest/api/3/search/jql", "POST /rest/api/3/issue");
    }

    @Test
    void aFailedLookupCreatesNothing() {
        jira.answer(503, "");

        assertThat(catchThrowableOfType(JiraTransientException.class, () -> issues.ensureIssue(SITE, DRAFT)).status()).isEqualTo(503);
        assertThat(jira.calls).containsExactly("POST /rest/api/3/search/jql");
    }

    @Test
    void anIssueForALeadNeedsTheLeadId() {
        IssueDraft anonymous = new IssueDraft(null, "s", null, null, null);

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> issues.ensureIssue(SITE, anonymous))).isNotNull();
        assertThat(jira.calls).isEmpty();
    }

    @Test
    void closingTakesTheDoneTransition() throws IOException {
        jira.answer(200, JiraResponsesTest.fixture("transitions-to-done.json"));
        jira.answer(204, "");

        assertThat(issues.close(SITE, "ED-24")).isEqualTo(JiraIssues.Closed.TRANSITIONED);
        assertThat(jira.calls).containsExactly("GET /rest/api/3/issue/ED-24/transitions", "POST /rest/api/3/issue/ED-24/transitions");
        assertThat(jira.bodies.get(1)).isEqualTo("{\"transition\":{\"id\":\"31\"}}");
    }

    @Test
    void closingAnIssueAlreadyDoneIsHarmless() {
        jira.answer(200, "{\"transitions\":[{\"id\":\"3\",\"name\":\"Reopen\",\"to\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}}]}");
        jira.answer(200, "{\"key\":\"ED-24\",\"fields\":{\"status\":{\"name\":\"Done\",\"statusCategory\":{\"key\":\"done\"}}}}");

        assertThat(issues.close(SITE, "ED-24")).isEqualTo(JiraIssues.Closed.ALREADY_DONE);
        assertThat(jira.calls).containsExactly("GET /rest/api/3/issue/ED-24/transitions", "GET /rest/api/3/issue/ED-24");
    }

    @Test
    void aWorkflowWithoutAWayToDoneIsAPermanentError() throws IOException {
        jira.answer(200, JiraResponsesTest.fixture("transitions-spec-example.json"));
        jira.answer(200, "{\"key\":\"ED-24\",\"fields\":{\"status\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}}}");

        JiraPermanentException e = catchThrowableOfType(JiraPermanentException.class, () -> issues.close(SITE, "ED-24"));

        assertThat(e.getMessage()).isEqualTo("Jira issue ED-24 in status 'To Do' has no transition to a status of category [done];"
                + " offered: [Close Issue → In Progress (in-flight), QA Review → Closed (completed)]");
    }

    @Test
    void assigning() {
        jira.answer(204, "");

        issues.assign(SITE, "ED-24", "5b10ac8d82e05b22cc7d4ef5");

        assertThat(jira.calls).containsExactly("PUT /rest/api/3/issue/ED-24/assignee");
    }

    /** Answers in order, records what was asked. */
    static final class Scripted implements JiraTransport {
        final Deque<JiraResponse> answers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();

        void answer(int status, String body) {
            answers.add(new JiraResponse(status, body, null));
        }

        @Override
        public JiraResponse send(JiraSettings site, JiraCall call) {
            calls.add(call.toString());
            bodies.add(call.body());
            if (answers.isEmpty()) {
                throw new AssertionError("unexpected call " + call);
            }
            return answers.removeFirst();
        }
    }
}
