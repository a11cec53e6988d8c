package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lintas.connector.jira.Adf;
import io.lintas.connector.jira.IssueDraft;
import io.lintas.connector.jira.IssueRef;
import io.lintas.connector.jira.JiraIssues;
import io.lintas.connector.jira.JiraPermanentException;
import io.lintas.connector.jira.JiraSettings;
import io.lintas.connector.jira.JiraTransientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * connectors/jira-rest-action.kamelet.yaml end to end, through the application's Jira beans, against
 * a Jira stand-in (WireMock on loopback) answering with the contract sheet's JSON: basic auth, the
 * exact create body, a timeout or 5xx after the create was applied (the retry finds the issue by its
 * lead label and posts no second one), the done transition, and permanent and rate-limit errors.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JiraRestActionTest {

    private static final String EMAIL = "fred@example.com";
    /** Characters that would break a URI unless passed RAW. */
    private static final String TOKEN = "ATATT3xFfGF0+fr/eds_api=token&x";
    private static final String LEAD = "01JQ7Z8X9Y0ABCDEFGHJKMNPQR";
    private static final String ISSUE = "/rest/api/3/issue";
    private static final String SEARCH = "/rest/api/3/search/jql";
    private static final String TRANSITIONS = "/rest/api/3/issue/ED-24/transitions";

    static final WireMockServer jira = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @Autowired
    JiraIssues issues;
    @Autowired
    ProducerTemplate producer;

    @BeforeAll
    static void startJira() {
        jira.start();
    }

    @AfterAll
    static void stopJira() {
        jira.stop();
    }

    @BeforeEach
    void resetJira() {
        jira.resetAll();
    }

    @Test
    void createsTheIssueWithBasicAuthAndTheContractBody() {
        jira.stubFor(authed(post(SEARCH)).willReturn(json(200, "search-none.json")));
        jira.stubFor(authed(post(ISSUE)).withRequestBody(equalToJson(CREATE_BODY)).willReturn(json(201, "create-issue-201.json")));

        IssueRef issue = issues.ensureIssue(site(Duration.ofSeconds(5)), draft());

        assertThat(issue).isEqualTo(new IssueRef("10000", "ED-24", true));
        LoggedRequest create = jira.findAll(postRequestedFor(urlEqualTo(ISSUE))).get(0);
        assertThat(create.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        jira.verify(1, postRequestedFor(urlEqualTo(SEARCH)).withRequestBody(equalToJson(
                "{\"jql\":\"labels = \\\"lintas-" + LEAD + "\\\" ORDER BY created ASC\",\"fields\":[\"status\"],\"maxResults\":2}")));
    }

    @Test
    void aCreateThatTimedOutAfterJiraAppliedItIsFoundOnTheRetryAndNotPostedAgain() {
        appliedButUnanswered(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("create-issue-201.json")).withFixedDelay(3_000));
        JiraSettings site = site(Duration.ofMillis(300));

        JiraTransientException first = catchThrowableOfType(JiraTransientException.class, () -> issues.ensureIssue(site, draft()));
        IssueRef retried = issues.ensureIssue(site, draft());

        assertThat(first.outcomeUnknown()).as("a timed-out write may have been applied").isTrue();
        assertThat(first.getMessage()).contains("POST /rest/api/3/issue timed out");
        assertThat(retried).isEqualTo(new IssueRef("10000", "ED-24", false));
        jira.verify(1, postRequestedFor(urlEqualTo(ISSUE)));
        jira.verify(2, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aCreateAnswered5xxAfterJiraAppliedItIsFoundOnTheRetryAndNotPostedAgain() {
        appliedButUnanswered(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway</body></html>"));
        JiraSettings site = site(Duration.ofSeconds(5));

        JiraTransientException first = catchThrowableOfType(JiraTransientException.class, () -> issues.ensureIssue(site, draft()));
        IssueRef retried = issues.ensureIssue(site, draft());

        assertThat(first.status()).isEqualTo(502);
        assertThat(first.outcomeUnknown()).isTrue();
        assertThat(retried.key()).isEqualTo("ED-24");
        assertThat(retried.created()).isFalse();
        jira.verify(1, postRequestedFor(urlEqualTo(ISSUE)));
    }

    @Test
    void closesTheIssueWithTheTransitionToADoneStatus() {
        jira.stubFor(authed(get(TRANSITIONS)).willReturn(json(200, "transitions-to-done.json")));
        jira.stubFor(authed(post(TRANSITIONS)).withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"}}"))
                .willReturn(aResponse().withStatus(204)));

        JiraIssues.Closed closed = issues.close(site(Duration.ofSeconds(5)), "ED-24");

        assertThat(closed).isEqualTo(JiraIssues.Closed.TRANSITIONED);
        jira.verify(1, getRequestedFor(urlEqualTo(TRANSITIONS)));
        jira.verify(1, postRequestedFor(urlEqualTo(TRANSITIONS)).withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"}}")));
    }

    @Test
    void assignsTheResponsibleUser() {
        String assignee = "/rest/api/3/issue/ED-24/assignee";
        jira.stubFor(authed(put(assignee)).withRequestBody(equalToJson("{\"accountId\":\"5b10ac8d82e05b22cc7d4ef5\"}"))
                .willReturn(aResponse().withStatus(204)));

        issues.assign(site(Duration.ofSeconds(5)), "ED-24", "5b10ac8d82e05b22cc7d4ef5");

        jira.verify(1, putRequestedFor(urlEqualTo(assignee)));
    }

    @Test
    void aPermanent400SurfacesJiraErrorMessagesAndIsNotRetried() {
        jira.stubFor(authed(post(SEARCH)).willReturn(json(200, "search-none.json")));
        jira.stubFor(authed(post(ISSUE)).willReturn(json(400, "create-issue-400.json")));

        JiraPermanentException failure = catchThrowableOfType(JiraPermanentException.class,
                () -> issues.ensureIssue(site(Duration.ofSeconds(5)), draft()));

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.errorMessages()).containsExactly("Field 'priority' is required");
        assertThat(failure.getMessage()).isEqualTo("Jira POST /rest/api/3/issue answered 400: Field 'priority' is required");
        jira.verify(1, postRequestedFor(urlEqualTo(ISSUE)));
    }

    @Test
    void aRateLimited429IsTransientWithJiraRetryAfter() {
        jira.stubFor(authed(post(SEARCH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("X-RateLimit-Reset", "2026-11-25T23:00Z").withHeader("RateLimit-Reason", "jira-burst-based")));

        JiraTransientException failure = catchThrowableOfType(JiraTransientException.class,
                () -> issues.ensureIssue(site(Duration.ofSeconds(5)), draft()));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failure.outcomeUnknown()).isFalse();
        jira.verify(1, postRequestedFor(urlEqualTo(SEARCH)));   // not re-sent by the HTTP client behind our back
        jira.verify(0, postRequestedFor(urlEqualTo(ISSUE)));
    }

    @Test
    void theConnectorSendsNoneOfTheCallersHeadersAndReturnsJiraAnswerWhateverItsStatus() {
        jira.stubFor(authed(get("/rest/api/3/issue/ED-7/transitions")).willReturn(json(404,
                "create-issue-400.json")));
        String uri = "kamelet:jira-rest-action?siteUrl=RAW(http://127.0.0.1:" + jira.port() + ")&email=RAW(" + EMAIL
                + ")&apiToken=RAW(" + TOKEN + ")&method=GET&path=RAW(/rest/api/3/issue/${exchangeProperty.jiraIssue}/transitions)";

        Exchange answer = producer.send(uri, exchange -> {
            exchange.setProperty("jiraIssue", "ED-7");
            exchange.getIn().setHeader("LintasTenant", "acme");
            exchange.getIn().setHeader("Authorization", "Bearer not-this-one");
        });

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(404);
        assertThat(answer.getMessage().getBody(String.class)).contains("Field 'priority' is required");
        LoggedRequest request = jira.findAll(getRequestedFor(urlEqualTo("/rest/api/3/issue/ED-7/transitions"))).get(0);
        assertThat(request.containsHeader("LintasTenant")).isFalse();
        assertThat(request.getHeader("Authorization")).startsWith("Basic ");
    }

    // --- fixtures -------------------------------------------------------------------------------

    /** The create is applied (the scenario moves on) but its answer is lost; the search then finds the issue. */
    private static void appliedButUnanswered(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        jira.stubFor(authed(post(SEARCH)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "search-none.json")));
        jira.stubFor(authed(post(ISSUE)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("applied").willReturn(answer));
        jira.stubFor(authed(post(SEARCH)).inScenario("create").whenScenarioStateIs("applied")
                .willReturn(json(200, "search-found.json")));
    }

    private static final String CREATE_BODY = """
            {"fields":{
              "project":{"key":"ED"},
              "issuetype":{"name":"Task"},
              "summary":"New lead via tilda (form): Budi, PT Maju",
              "duedate":"2026-11-26",
              "description":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Call Budi back"}]}]},
              "assignee":{"id":"5b109f2e9729b51b54dc274d"},
              "labels":["lintas-01JQ7Z8X9Y0ABCDEFGHJKMNPQR"]
            }}""";

    private static IssueDraft draft() {
        return new IssueDraft(LEAD, "New lead via tilda (form): Budi, PT Maju", Adf.doc(Adf.paragraph("Call Budi back")),
                LocalDate.of(2026, 11, 26), "5b109f2e9729b51b54dc274d");
    }

    private static JiraSettings site(Duration timeout) {
        return new JiraSettings("http://127.0.0.1:" + jira.port(), EMAIL, TOKEN, "ED", "Task", List.of(), null, timeout);
    }

    private static MappingBuilder authed(MappingBuilder request) {
        return request.withBasicAuth(EMAIL, TOKEN).withHeader("Accept", equalTo("application/json"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    static String fixture(String name) {
        try (InputStream in = JiraRestActionTest.class.getResourceAsStream("/jira/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /jira/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
