package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request bodies, byte for byte against the contract sheet (billing-tasks-sms.md §5). */
class JiraRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JiraSettings BILL = new JiraSettings("https://your-domain.atlassian.net", "fred@example.com",
            "freds_api_token", "BILL", "Task", List.of(), null, null);

    /** §5.1 "Minimal body", as printed there. */
    private static final String CONTRACT_MINIMAL_BODY = """
            {"fields":{
              "project":{"key":"BILL"},
              "issuetype":{"name":"Task"},
              "summary":"Invoice INV-2024-0042 sent to PT Maju",
              "duedate":"2024-06-30",
              "description":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"VA BCA 812785002530231, Rp 44.000"}]}]}
            }}""";

    @Test
    void theContractsMinimalCreateBody() throws Exception {
        IssueDraft draft = new IssueDraft(null, "Invoice INV-2024-0042 sent to PT Maju",
                Adf.doc(Adf.paragraph("VA BCA 812785002530231, Rp 44.000")), LocalDate.of(2024, 6, 30), null);

        JiraCall call = JiraRequests.createIssue(BILL, draft);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.resolvedPath()).isEqualTo("/rest/api/3/issue");
        assertThat(call.body()).isEqualTo(compact(CONTRACT_MINIMAL_BODY));
    }

    @Test
    void aLeadsCreateBodyCarriesItsLabelAndTheAssigneeInTheSpecsIdForm() throws Exception {
        IssueDraft draft = new IssueDraft("01JQ7Z8X9Y0ABCDEFGHJKMNPQR", "Invoice INV-2024-0042 sent to PT Maju",
                Adf.doc(Adf.paragraph("VA BCA 812785002530231, Rp 44.000")), LocalDate.of(2024, 6, 30), "5b109f2e9729b51b54dc274d");

        assertThat(JiraRequests.createIssue(BILL, draft).body()).isEqualTo(compact("""
                {"fields":{
                  "project":{"key":"BILL"},
                  "issuetype":{"name":"Task"},
                  "summary":"Invoice INV-2024-0042 sent to PT Maju",
                  "duedate":"2024-06-30",
                  "description":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"VA BCA 812785002530231, Rp 44.000"}]}]},
                  "assignee":{"id":"5b109f2e9729b51b54dc274d"},
                  "labels":["lintas-01JQ7Z8X9Y0ABCDEFGHJKMNPQR"]
                }}"""));
    }

    @Test
    void optionalFieldsAreLeftOutNotSentAsNull() {
        IssueDraft draft = new IssueDraft(null, "Call back", null, null, null);

        assertThat(JiraRequests.createIssue(BILL, draft).body())
                .isEqualTo("{\"fields\":{\"project\":{\"key\":\"BILL\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"Call back\"}}");
    }

    @Test
    void theLookupSearchesTheLeadsLabel() {
        JiraCall call = JiraRequests.findByLead("01JQ7Z8X9Y0ABCDEFGHJKMNPQR");

        assertThat(call.toString()).isEqualTo("POST /rest/api/3/search/jql");
        assertThat(call.body()).isEqualTo(
                "{\"jql\":\"labels = \\\"lintas-01JQ7Z8X9Y0ABCDEFGHJKMNPQR\\\" ORDER BY created ASC\",\"fields\":[\"status\"],\"maxResults\":2}");
    }

    @Test
    void aLeadIdThatCouldBreakTheJqlIsRefused() {
        assertThatThrownBy(() -> JiraRequests.findByLead("x\" OR project is not EMPTY OR labels = \"y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JiraRequests.leadLabel("has space")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transitionsAndAssignment() {
        assertThat(JiraRequests.transitions("ED-24").toString()).isEqualTo("GET /rest/api/3/issue/ED-24/transitions");
        assertThat(JiraRequests.transitions("ED-24").body()).isNull();
        JiraCall transition = JiraRequests.transition("ED-24", "5");
        assertThat(transition.toString()).isEqualTo("POST /rest/api/3/issue/ED-24/transitions");
        assertThat(transition.body()).isEqualTo("{\"transition\":{\"id\":\"5\"}}");
        // §5.2: PUT .../assignee with the spec example's body
        JiraCall assign = JiraRequests.assign("ED-24", "5b10ac8d82e05b22cc7d4ef5");
        assertThat(assign.toString()).isEqualTo("PUT /rest/api/3/issue/ED-24/assignee");
        assertThat(assign.body()).isEqualTo("{\"accountId\":\"5b10ac8d82e05b22cc7d4ef5\"}");
        assertThat(JiraRequests.issue("10000").toString()).isEqualTo("GET /rest/api/3/issue/10000");
    }

    @Test
    void onlyIssueKeysAndIdsGoIntoAPath() {
        assertThatThrownBy(() -> JiraRequests.transitions("ED-24/../../myself")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JiraRequests.transitions(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(JiraRequests.transitions("10000").resolvedPath()).isEqualTo("/rest/api/3/issue/10000/transitions");
    }

    @Test
    void writesAreTheCallsWhoseOutcomeCanBeUnknown() {
        assertThat(JiraRequests.createIssue(BILL, new IssueDraft(null, "s", null, null, null)).writes()).isTrue();
        assertThat(JiraRequests.assign("ED-1", "a").writes()).isTrue();
        assertThat(JiraRequests.transitions("ED-1").writes()).isFalse();
    }

    @Test
    void summariesAreOneLineOfAtMost255Characters() {
        assertThat(new IssueDraft(null, "Line one\nline two\ttab", null, null, null).summary()).isEqualTo("Line one line two tab");
        assertThat(new IssueDraft(null, "x".repeat(300), null, null, null).summary()).hasSize(255).endsWith("…");
        assertThatThrownBy(() -> new IssueDraft(null, " ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String compact(String json) throws Exception {
        return JSON.writeValueAsString(JSON.readTree(json));
    }
}
