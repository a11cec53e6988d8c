package io.lintas.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bitrix24 stand-in over HTTP, method by method, against the contract sheet's shapes
 * (intake.md A1 envelopes, A5 methods; billing-tasks-sms.md §6 tasks). A bucket too big to matter
 * here: the rate limit has its own test.
 */
class SandboxBitrix24Test {

    static final String HOOK = "/rest/1/sandboxtoken/";
    static final List<String> TIME_KEYS = List.of("start", "finish", "duration", "processing", "date_start",
            "date_finish", "operating_reset_at", "operating");

    static SandboxServer sandbox;
    static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(0, 1000, 1_000_000, new TestClock(Instant.parse("2026-01-20T08:00:00Z")));
        client = new SandboxClient(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static JsonNode ok(SandboxClient.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("X-Lintas-Sandbox")).isEqualTo("true");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        List<String> keys = new ArrayList<>();
        answer.json().path("time").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("the contract's time block").containsExactlyElementsOf(TIME_KEYS);
        assertThat(answer.json().path("time").path("date_start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(answer.text()).as("times written plainly, like 1705764932.998683")
                .containsPattern("\"time\":\\{\"start\":\\d{10}\\.\\d{6},\"finish\":\\d{10}\\.\\d{6},\"duration\":0\\.\\d+,");
        return answer.json().path("result");
    }

    static void error(SandboxClient.Answer answer, int status, String error, String description) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().size()).as("only error and error_description").isEqualTo(2);
        assertThat(answer.json().path("error").asText()).isEqualTo(error);
        assertThat(answer.json().path("error_description").asText()).isEqualTo(description);
    }

    static long addLead(Map<String, Object> fields) {
        JsonNode id = ok(client.postJson(HOOK + "crm.lead.add.json", Map.of("fields", fields)));
        assertThat(id.isIntegralNumber()).as("the new lead's id, a number").isTrue();
        return id.asLong();
    }

    @Test
    void leadAddAnswersTheNewIdAndGetShowsItWithStringsAndMultifields() {
        long id = addLead(Map.of("TITLE", "IP Titov", "NAME", "Gleb", "LAST_NAME", "Titov", "OPPORTUNITY", 12500,
                "ASSIGNED_BY_ID", 1, "PHONE", List.of(Map.of("VALUE", "+15454777777", "VALUE_TYPE", "OTHER")),
                "ORIGINATOR_ID", "lintas", "ORIGIN_ID", "01HSANDBOX0000000000000001", "title", "lower-case: dropped"));

        JsonNode lead = ok(client.postJson(HOOK + "crm.lead.get", Map.of("id", id)));

        assertThat(lead.path("ID").asText()).isEqualTo(Long.toString(id));
        assertThat(lead.path("ID").isTextual()).isTrue();
        assertThat(lead.path("TITLE").asText()).isEqualTo("IP Titov");
        assertThat(lead.path("OPPORTUNITY").asText()).isEqualTo("12500.00");
        assertThat(lead.path("ASSIGNED_BY_ID").isTextual()).as("all values are strings").isTrue();
        assertThat(lead.path("STATUS_ID").asText()).isEqualTo("NEW");
        assertThat(lead.path("ORIGIN_ID").asText()).isEqualTo("01HSANDBOX0000000000000001");
        JsonNode phone = lead.path("PHONE").path(0);
        assertThat(phone.path("ID").isTextual()).isTrue();
        assertThat(phone.path("VALUE_TYPE").asText()).isEqualTo("OTHER");
        assertThat(phone.path("VALUE").asText()).isEqualTo("+15454777777");
        assertThat(phone.path("TYPE_ID").asText()).isEqualTo("PHONE");
        assertThat(lead.has("title")).as("unknown fields are dropped, as a portal does").isFalse();
    }

    @Test
    void aMissingLeadIsTheEmptyCodeNotFoundOfTheContract() {
        error(client.postJson(HOOK + "crm.lead.get.json", Map.of("id", 999_999)), 400, "", "Not found");
    }

    @Test
    void parametersMayComeAsAFormBodyOrAQueryStringInPhpBrackets() {
        JsonNode formId = ok(client.postForm(HOOK + "crm.lead.add",
                "fields[TITLE]=My%20company&fields[PHONE][0][VALUE]=112233&fields[PHONE][0][VALUE_TYPE]=WORK"
                        + "&fields[PHONE][1][VALUE]=555888112&fields[PHONE][1][VALUE_TYPE]=OTHER"));
        JsonNode lead = ok(client.get(HOOK + "crm.lead.get.json?id=" + formId.asLong()));

        assertThat(lead.path("TITLE").asText()).isEqualTo("My company");
        assertThat(lead.path("PHONE")).hasSize(2);
        assertThat(lead.path("PHONE").path(1).path("VALUE").asText()).isEqualTo("555888112");
    }

    @Test
    void duplicateLookupAnswersAnEmptyArrayThenTheRecordsCreatedSoFar() {
        String phone = "+6281200000001";
        JsonNode none = ok(client.postJson(HOOK + "crm.duplicate.findbycomm.json",
                Map.of("entity_type", "CONTACT", "type", "PHONE", "values", List.of(phone))));
        assertThat(none.isArray()).as("nothing found is [], not {}").isTrue();
        assertThat(none).isEmpty();

        long contact = ok(client.postJson(HOOK + "crm.contact.add.json", Map.of("FIELDS", Map.of("NAME", "Budi",
                "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "MOBILE")),
                "EMAIL", List.of(Map.of("VALUE", "budi@example.co.id", "VALUE_TYPE", "WORK")))))).asLong();
        long lead = addLead(Map.of("TITLE", "Budi again", "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "WORK"))));

        JsonNode contacts = ok(client.postJson(HOOK + "crm.duplicate.findbycomm.json",
                Map.of("entity_type", "CONTACT", "type", "PHONE", "values", List.of(phone, "+62999"))));
        assertThat(contacts.isObject()).isTrue();
        assertThat(contacts.path("CONTACT").get(0).asLong()).isEqualTo(contact);
        assertThat(contacts.path("CONTACT").get(0).isIntegralNumber()).isTrue();
        assertThat(contacts.has("LEAD")).as("entity_type CONTACT only").isFalse();

        JsonNode all = ok(client.postJson(HOOK + "crm.duplicate.findbycomm.json",
                Map.of("type", "PHONE", "values", List.of(phone))));
        assertThat(all.path("LEAD").get(0).asLong()).isEqualTo(lead);
        assertThat(all.path("CONTACT").get(0).asLong()).isEqualTo(contact);

        JsonNode byEmail = ok(client.postJson(HOOK + "crm.duplicate.findbycomm.json",
                Map.of("type", "EMAIL", "values", List.of("Budi@Example.co.id"))));
        assertThat(byEmail.path("CONTACT").get(0).asLong()).isEqualTo(contact);

        JsonNode otherFormat = ok(client.postJson(HOOK + "crm.duplicate.findbycomm.json",
                Map.of("type", "PHONE", "values", List.of("081200000001"))));
        assertThat(otherFormat).as("phones compare as whole strings: 08… is not +628…").isEmpty();
    }

    @Test
    void duplicateLookupRefusesWhatTheContractListsAsErrors() {
        error(client.postJson(HOOK + "crm.duplicate.findbycomm.json", Map.of("values", List.of("1"))),
                400, "", "Communication type is not defined");
        error(client.postJson(HOOK + "crm.duplicate.findbycomm.json", Map.of("type", "PHONE")),
                400, "", "Communication values is not defined");
    }

    @Test
    void leadListFindsByOriginIdWithTotalAndPagesOfFifty() {
        String originator = "bench-" + System.nanoTime();
        for (int i = 0; i < 52; i++) {
            addLead(Map.of("TITLE", "Lead " + i, "ORIGINATOR_ID", originator, "ORIGIN_ID", originator + "-" + i));
        }
        SandboxClient.Answer one = client.postJson(HOOK + "crm.lead.list.json",
                Map.of("filter", Map.of("ORIGIN_ID", originator + "-7"), "select", List.of("ID", "TITLE", "ORIGIN_ID")));
        JsonNode found = ok(one);
        assertThat(found.isArray()).isTrue();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("TITLE").asText()).isEqualTo("Lead 7");
        assertThat(found.get(0).has("STATUS_ID")).as("only the selected fields").isFalse();
        assertThat(one.json().path("total").asInt()).isEqualTo(1);
        assertThat(one.json().has("next")).isFalse();

        SandboxClient.Answer first = client.postJson(HOOK + "crm.lead.list.json",
                Map.of("filter", Map.of("=ORIGINATOR_ID", originator), "order", Map.of("ID", "ASC")));
        assertThat(ok(first)).hasSize(50);
        assertThat(first.json().path("total").asInt()).isEqualTo(52);
        assertThat(first.json().path("next").asInt()).isEqualTo(50);
        SandboxClient.Answer second = client.postJson(HOOK + "crm.lead.list.json",
                Map.of("filter", Map.of("ORIGINATOR_ID", originator), "start", 50));
        assertThat(ok(second)).hasSize(2);
        assertThat(second.json().has("next")).isFalse();

        JsonNode nothing = ok(client.postJson(HOOK + "crm.lead.list.json", Map.of("filter", Map.of("ORIGIN_ID", "never"))));
        assertThat(nothing.isArray()).isTrue();
        assertThat(nothing).isEmpty();
    }

    @Test
    void dealAddOnAContactAndUpdate() {
        long contact = ok(client.postJson(HOOK + "crm.contact.add", Map.of("fields", Map.of("NAME", "Sari")))).asLong();
        long deal = ok(client.postJson(HOOK + "crm.deal.add.json", Map.of("FIELDS", Map.of("TITLE", "Service request",
                "CATEGORY_ID", 1, "STAGE_ID", "C1:NEW", "CONTACT_IDS", List.of(contact), "SOURCE_ID", "WEB"),
                "PARAMS", Map.of("REGISTER_SONET_EVENT", "N")))).asLong();

        JsonNode updated = ok(client.postJson(HOOK + "crm.deal.update.json",
                Map.of("ID", deal, "FIELDS", Map.of("STAGE_ID", "C1:PREPARATION"))));
        assertThat(updated.asBoolean()).isTrue();

        JsonNode got = ok(client.postJson(HOOK + "crm.deal.get.json", Map.of("id", deal)));
        assertThat(got.path("CATEGORY_ID").asText()).isEqualTo("1");
        assertThat(got.path("STAGE_ID").asText()).isEqualTo("C1:PREPARATION");
        assertThat(got.path("CONTACT_ID").asText()).isEqualTo(Long.toString(contact));
        assertThat(got.path("TITLE").asText()).isEqualTo("Service request");
    }

    @Test
    void leadUpdateFollowsTheMultifieldRules() {
        long id = addLead(Map.of("TITLE", "M", "PHONE", List.of(Map.of("VALUE", "111", "VALUE_TYPE", "WORK"),
                Map.of("VALUE", "222", "VALUE_TYPE", "WORK"))));
        JsonNode phones = ok(client.postJson(HOOK + "crm.lead.get", Map.of("id", id))).path("PHONE");
        String first = phones.get(0).path("ID").asText();
        String second = phones.get(1).path("ID").asText();

        ok(client.postJson(HOOK + "crm.lead.update", Map.of("id", id, "fields", Map.of("PHONE", List.of(
                Map.of("ID", first, "VALUE", "333", "VALUE_TYPE", "MOBILE"), Map.of("ID", second, "DELETE", "Y"),
                Map.of("VALUE", "444", "VALUE_TYPE", "HOME"))))));

        JsonNode after = ok(client.postJson(HOOK + "crm.lead.get", Map.of("id", id))).path("PHONE");
        assertThat(after).hasSize(2);
        assertThat(after.get(0).path("ID").asText()).isEqualTo(first);
        assertThat(after.get(0).path("VALUE").asText()).isEqualTo("333");
        assertThat(after.get(1).path("VALUE").asText()).isEqualTo("444");
        assertThat(ok(client.postJson(HOOK + "crm.duplicate.findbycomm", Map.of("type", "PHONE", "values", List.of("222")))))
                .as("a deleted value is not found any more").isEmpty();
        assertThat(ok(client.postJson(HOOK + "crm.duplicate.findbycomm", Map.of("type", "PHONE", "values", List.of("333"))))
                .path("LEAD").get(0).asLong()).isEqualTo(id);
    }

    @Test
    void timelineCommentOnAKnownRecordAnswersItsId() {
        long id = addLead(Map.of("TITLE", "Known customer"));
        JsonNode comment = ok(client.postJson(HOOK + "crm.timeline.comment.add.json", Map.of("fields",
                Map.of("ENTITY_ID", id, "ENTITY_TYPE", "lead", "COMMENT", "Wrote again through the form"))));
        assertThat(comment.isIntegralNumber()).isTrue();
        assertThat(comment.asLong()).isPositive();

        error(client.postJson(HOOK + "crm.timeline.comment.add.json", Map.of("fields",
                Map.of("ENTITY_ID", 987_654, "ENTITY_TYPE", "deal", "COMMENT", "x"))), 400, "", "Not found");
    }

    @Test
    void taskAddAnswersTheTaskInCamelCaseAndCompleteSetsStatusFive() {
        long lead = addLead(Map.of("TITLE", "For a task"));
        SandboxClient.Answer added = client.postJson(HOOK + "tasks.task.add.json", Map.of("fields", Map.of(
                "TITLE", "Call back Budi", "DEADLINE", "2025-12-31T23:59:59", "CREATED_BY", 456, "RESPONSIBLE_ID", 123,
                "UF_CRM_TASK", List.of("L_" + lead), "DESCRIPTION", "Within two business hours")));
        JsonNode task = ok(added).path("task");
        assertThat(task.path("id").isTextual()).isTrue();
        assertThat(task.path("title").asText()).isEqualTo("Call back Budi");
        assertThat(task.path("responsibleId").asText()).isEqualTo("123");
        assertThat(task.path("createdBy").asText()).isEqualTo("456");
        assertThat(task.path("status").asText()).isEqualTo("2");
        assertThat(task.path("deadline").asText()).isEqualTo("2025-12-31T23:59:59+00:00");
        assertThat(task.has("ufCrmTask")).as("only when selected").isFalse();
        assertThat(task.has("TITLE")).as("camelCase keys").isFalse();

        SandboxClient.Answer listed = client.postJson(HOOK + "tasks.task.list.json", Map.of(
                "filter", Map.of("UF_CRM_TASK", "L_" + lead), "select", List.of("ID", "TITLE", "UF_CRM_TASK")));
        JsonNode tasks = ok(listed).path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("ufCrmTask").get(0).asText()).isEqualTo("L_" + lead);
        assertThat(listed.json().path("total").asInt()).isEqualTo(1);

        JsonNode done = ok(client.postJson(HOOK + "tasks.task.complete.json",
                Map.of("taskId", task.path("id").asLong()))).path("task");
        assertThat(done.path("status").asText()).isEqualTo("5");
        assertThat(done.path("id").asText()).isEqualTo(task.path("id").asText());
    }

    @Test
    void tasksAreFoundByTitleAndRecordsMadeTwiceAreCounted() {
        Bitrix24Portal.Stats before = sandbox.bitrix24().stats();
        Map<String, Object> lead = Map.of("TITLE", "Twice", "ORIGINATOR_ID", "lintas", "ORIGIN_ID", "01HTWICE0000000000000000001");
        addLead(lead);
        addLead(lead);
        Map<String, Object> task = Map.of("fields", Map.of("TITLE", "Lead 01HTWICE: call back", "RESPONSIBLE_ID", 3,
                "DEADLINE", "2026-01-21T17:00:00+07:00"));
        JsonNode first = ok(client.postJson(HOOK + "tasks.task.add.json", task)).path("task");
        ok(client.postJson(HOOK + "tasks.task.add.json", task));

        assertThat(first.path("deadline").asText()).as("an offset is kept").isEqualTo("2026-01-21T17:00:00+07:00");
        JsonNode byTitle = ok(client.postJson(HOOK + "tasks.task.list.json", Map.of(
                "filter", Map.of("TITLE", "Lead 01HTWICE: call back"), "select", List.of("ID")))).path("tasks");
        assertThat(byTitle).hasSize(2);
        assertThat(byTitle.get(0).path("id").asText()).isEqualTo(first.path("id").asText());
        Bitrix24Portal.Stats after = sandbox.bitrix24().stats();
        assertThat(after.duplicateLeads() - before.duplicateLeads()).isEqualTo(1);
        assertThat(after.duplicateTasks() - before.duplicateTasks()).isEqualTo(1);
        assertThat(after.duplicateDeals()).isEqualTo(before.duplicateDeals());
    }

    @Test
    void taskAddRefusesWhatTheContractRefuses() {
        error(client.postJson(HOOK + "tasks.task.add.json", Map.of("fields", Map.of("RESPONSIBLE_ID", 1))),
                400, "ERROR_CORE", "Task title not specified<br>");
        error(client.postJson(HOOK + "tasks.task.add.json", Map.of("fields", Map.of("TITLE", "No one"))),
                400, "ERROR_CORE", "Assignee not specified<br>");
    }

    @Test
    void anotherWebhookCodeIsNoAuthAndAnUnknownMethodIsNotFound() {
        error(client.postJson("/rest/1/wrongcode/crm.lead.add.json", Map.of("fields", Map.of("TITLE", "x"))),
                401, "NO_AUTH_FOUND", "Wrong authorization data");
        error(client.postJson("/rest/7/sandboxtoken/crm.lead.add.json", Map.of("fields", Map.of("TITLE", "x"))),
                401, "NO_AUTH_FOUND", "Wrong authorization data");
        error(client.postJson(HOOK + "crm.nothing.here.json", Map.of()), 404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    }
}
