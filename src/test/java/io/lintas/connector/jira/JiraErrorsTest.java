package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transient or permanent, as the contract sheet's §5 lists Jira's answers. */
class JiraErrorsTest {

    private static final JiraCall CREATE = JiraRequests.createIssue(
            new JiraSettings("https://x.atlassian.net", "a@b.c", "t", "ED", "Task", null, null, null),
            new IssueDraft(null, "s", null, null, null));
    private static final JiraCall READ = JiraRequests.transitions("ED-24");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T23:00:00Z"), ZoneOffset.UTC);

    @Test
    void theContracts400IsPermanentWithJiraMessages() throws IOException {
        JiraException e = JiraErrors.classify(CREATE, new JiraResponse(400, JiraResponsesTest.fixture("create-issue-400.json"), null));

        assertThat(e).isInstanceOf(JiraPermanentException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorMessages()).containsExactly("Field 'priority' is required");
        assertThat(e.errors()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("Jira POST /rest/api/3/issue answered 400: Field 'priority' is required");
    }

    @Test
    void fieldErrorsAreNamedByField() {
        JiraException e = JiraErrors.classify(CREATE, new JiraResponse(400,
                "{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\",\"assignee\":\"User '5b10' cannot be assigned issues.\"}}",
                null));

        assertThat(e.errors()).containsExactly(Map.entry("summary", "You must specify a summary of the issue."),
                Map.entry("assignee", "User '5b10' cannot be assigned issues."));
        assertThat(e.getMessage()).endsWith(": summary: You must specify a summary of the issue.; assignee: User '5b10' cannot be assigned issues.");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 422})
    void permanent(int status) {
        assertThat(JiraErrors.classify(CREATE, new JiraResponse(status, "", null))).isInstanceOf(JiraPermanentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void transient_(int status) {
        assertThat(JiraErrors.classify(READ, new JiraResponse(status, "", null))).isInstanceOf(JiraTransientException.class);
    }

    @Test
    void a429WaitsAsLongAsJiraSays() {
        JiraTransientException seconds = (JiraTransientException) JiraErrors.classify(CREATE, new JiraResponse(429, "", "30"), CLOCK);
        JiraTransientException date = (JiraTransientException) JiraErrors.classify(CREATE,
                new JiraResponse(429, "", "Wed, 25 Nov 2026 23:02:00 GMT"), CLOCK);
        JiraTransientException none = (JiraTransientException) JiraErrors.classify(CREATE, new JiraResponse(429, "", "soon"), CLOCK);

        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(seconds.getMessage()).endsWith("(retry after 30 s)");
        assertThat(seconds.outcomeUnknown()).as("a 429 is a refusal: nothing was written").isFalse();
        assertThat(date.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(none.retryAfter()).isNull();
    }

    @Test
    void a5xxToAWriteLeavesItsOutcomeUnknown() {
        JiraTransientException write = (JiraTransientException) JiraErrors.classify(CREATE, new JiraResponse(500, "", null));
        JiraTransientException read = (JiraTransientException) JiraErrors.classify(READ, new JiraResponse(500, "", null));
        JiraTransientException conflict = (JiraTransientException) JiraErrors.classify(CREATE, new JiraResponse(409, "", null));

        assertThat(write.outcomeUnknown()).isTrue();
        assertThat(read.outcomeUnknown()).isFalse();
        assertThat(conflict.outcomeUnknown()).isFalse();
    }

    @Test
    void aTimeoutOnAWriteLeavesItsOutcomeUnknown() {
        JiraTransientException e = JiraErrors.noAnswer(CREATE,
                new RuntimeException("wrapped", new SocketTimeoutException("Read timed out")));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).isEqualTo("Jira POST /rest/api/3/issue timed out: SocketTimeoutException: Read timed out");
        assertThat(JiraErrors.noAnswer(READ, new SocketTimeoutException("Read timed out")).outcomeUnknown()).isFalse();
    }

    @Test
    void aCallThatNeverConnectedWroteNothing() {
        assertThat(JiraErrors.noAnswer(CREATE, new ConnectException("Connection refused")).outcomeUnknown()).isFalse();
        assertThat(JiraErrors.noAnswer(CREATE, new UnknownHostException("x.atlassian.net")).outcomeUnknown()).isFalse();
        // HttpClient's ConnectTimeoutException is a SocketTimeoutException, but nothing was sent
        assertThat(JiraErrors.noAnswer(CREATE, new ConnectTimeoutException("Connect to x timed out")).outcomeUnknown()).isFalse();
        assertThat(JiraErrors.noAnswer(CREATE, new ConnectException("refused")).getMessage()).contains("could not connect");
    }

    @Test
    void personalDataInJiraErrorsIsMasked() {
        JiraException e = JiraErrors.classify(CREATE, new JiraResponse(400,
                "{\"errorMessages\":[\"Reporter budi.santoso@example.co.id or +62 812-3456-7890 is not valid\"],\"errors\":{}}", null));

        assertThat(e.getMessage()).doesNotContain("budi.santoso").doesNotContain("3456").contains("***@example.co.id");
        assertThat(e.errorMessages()).as("kept as sent, for the dead-letter listing to mask when shown")
                .containsExactly("Reporter budi.santoso@example.co.id or +62 812-3456-7890 is not valid");
    }

    @Test
    void aBodyThatIsNotJiraJsonIsShownShortened() {
        JiraException e = JiraErrors.classify(READ, new JiraResponse(502, "<html>\n<body>" + "x".repeat(500) + "</body></html>", null));

        assertThat(e.getMessage()).startsWith("Jira GET /rest/api/3/issue/ED-24/transitions answered 502: <html> <body>xxx").endsWith("…");
        assertThat(e.errorMessages()).isEmpty();
    }

    @Test
    void exceptionsAreSealedIntoTwoKinds() {
        assertThat(List.of(JiraException.class.getPermittedSubclasses()))
                .containsExactlyInAnyOrder(JiraTransientException.class, JiraPermanentException.class);
    }

    /** Stands in for org.apache.hc.client5.http.ConnectTimeoutException, which the core must not import. */
    static final class ConnectTimeoutException extends SocketTimeoutException {
        ConnectTimeoutException(String message) {
            super(message);
        }
    }
}
