package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JiraResponsesTest {

    @Test
    void theContractsCreatedAnswer() throws IOException {
        assertThat(JiraResponses.created(fixture("create-issue-201.json"))).isEqualTo(new IssueRef("10000", "ED-24", true));
    }

    @Test
    void aCreatedAnswerWithoutKeyIsAnError() {
        assertThatThrownBy(() -> JiraResponses.created("{}")).isInstanceOf(JiraPermanentException.class);
        assertThatThrownBy(() -> JiraResponses.created("<html>")).isInstanceOf(JiraPermanentException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void searchAnswers() throws IOException {
        assertThat(JiraResponses.firstIssue(fixture("search-found.json"))).contains(new IssueRef("10000", "ED-24", false));
        assertThat(JiraResponses.firstIssue(fixture("search-none.json"))).isEmpty();
        assertThat(JiraResponses.firstIssue("")).isEmpty();
    }

    @Test
    void theDoneTransitionIsTheOneIntoTheDoneCategory() throws IOException {
        assertThat(JiraResponses.doneTransition(fixture("transitions-to-done.json"), List.of("done"))).contains("31");
    }

    @Test
    void theSpecsExampleNamesItsClosedCategoryCompleted() throws IOException {
        String spec = fixture("transitions-spec-example.json");

        // "Close Issue" (id 2) leads to In Progress: its name is not what counts
        assertThat(JiraResponses.doneTransition(spec, List.of("done"))).isEmpty();
        assertThat(JiraResponses.doneTransition(spec, List.of("done", "completed"))).contains("711");
        assertThat(JiraResponses.describeTransitions(spec))
                .containsExactly("Close Issue → In Progress (in-flight)", "QA Review → Closed (completed)");
    }

    @Test
    void anUnavailableTransitionIsNotTaken() {
        String body = """
                {"transitions":[
                  {"id":"41","name":"Close","isAvailable":false,"to":{"name":"Closed","statusCategory":{"key":"done"}}},
                  {"id":"51","name":"Resolve","isAvailable":true,"to":{"name":"Resolved","statusCategory":{"key":"DONE"}}}]}""";

        assertThat(JiraResponses.doneTransition(body, List.of("done"))).contains("51");
    }

    @Test
    void anIssuesStatus() {
        String body = """
                {"id":"10000","key":"ED-24","fields":{"status":{"name":"Done","statusCategory":{"id":3,"key":"done","name":"Done"}}}}""";

        assertThat(JiraResponses.statusCategory(body)).isEqualTo("done");
        assertThat(JiraResponses.statusName(body)).isEqualTo("Done");
        assertThat(JiraResponses.statusCategory("{}")).isEmpty();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = JiraResponsesTest.class.getResourceAsStream("/jira/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
