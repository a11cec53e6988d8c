package io.lintas.sandbox;

import static io.lintas.sandbox.SandboxBitrix24Test.HOOK;
import static io.lintas.sandbox.SandboxBitrix24Test.error;
import static io.lintas.sandbox.SandboxBitrix24Test.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.bitrix24.Bitrix24Batch;
import io.lintas.connector.bitrix24.Bitrix24Requests;
import io.lintas.testing.TestClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code batch} as contract A4 describes it: commands in order, {@code $result[key][field]…}
 * references to earlier answers, halt, HTTP 200 with result / result_error / result_total /
 * result_next / result_time, empty ones as []. Batches are written by the hub's own
 * {@link Bitrix24Batch} and {@link Bitrix24Requests}, so the sandbox reads exactly what the hub sends.
 */
class SandboxBatchTest {

    static final List<String> PARTS = List.of("result", "result_error", "result_total", "result_next", "result_time");

    static SandboxServer sandbox;
    static SandboxClient client;
    final Bitrix24Requests requests = new Bitrix24Requests(new ObjectMapper());

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(0, 2, 50, new TestClock(Instant.parse("2026-01-20T08:00:00Z"))); // the clock never moves: every request fills the bucket
        client = new SandboxClient(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    JsonNode batch(Bitrix24Batch batch) {
        SandboxClient.Answer answer = client.postJson(HOOK + "batch.json", requests.body(batch));
        JsonNode result = ok(answer);
        List<String> parts = new java.util.ArrayList<>();
        result.fieldNames().forEachRemaining(parts::add);
        assertThat(parts).containsExactlyElementsOf(PARTS);
        return result;
    }

    @Test
    void aLookupThenCreateChainUsesTheEarlierResultsAndAnswersEveryPart() {
        String phone = "+6281311112222";
        long contact = ok(client.postJson(HOOK + "crm.contact.add.json", Map.of("fields", Map.of("NAME", "Dewi",
                "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "MOBILE")))))).asLong();
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("TITLE", "Dewi: AC service");
        deal.put("CONTACT_IDS", List.of(Bitrix24Batch.ref("find", "CONTACT", "0")));
        deal.put("CATEGORY_ID", 2);
        deal.put("STAGE_ID", "C2:NEW");

        JsonNode result = batch(Bitrix24Batch.halting()
                .add("find", "crm.duplicate.findbycomm", Map.of("entity_type", "CONTACT", "type", "PHONE", "values", List.of(phone)))
                .add("deal", "crm.deal.add", Map.of("fields", deal))
                .add("task", "tasks.task.add", Map.of("fields", Map.of("TITLE", "Dispatch a technician",
                        "RESPONSIBLE_ID", 7, "UF_CRM_TASK", List.of("D_" + Bitrix24Batch.ref("deal"))))));

        assertThat(result.path("result").path("find").path("CONTACT").get(0).asLong()).isEqualTo(contact);
        long dealId = result.path("result").path("deal").asLong();
        assertThat(dealId).isPositive();
        assertThat(result.path("result").path("task").path("task").path("id").asText()).isNotBlank();
        assertThat(result.path("result_error").isArray()).as("no errors: []").isTrue();
        assertThat(result.path("result_error")).isEmpty();
        assertThat(result.path("result_total").isArray()).isTrue();
        assertThat(result.path("result_next").isArray()).isTrue();
        assertThat(result.path("result_time").path("deal").has("operating_reset_at")).isTrue();

        JsonNode stored = ok(client.postJson(HOOK + "crm.deal.get.json", Map.of("id", dealId)));
        assertThat(stored.path("CONTACT_ID").asText()).as("$result[find][CONTACT][0]").isEqualTo(Long.toString(contact));
        JsonNode tasks = ok(client.postJson(HOOK + "tasks.task.list.json", Map.of("filter", Map.of("UF_CRM_TASK", "D_" + dealId),
                "select", List.of("UF_CRM_TASK")))).path("tasks");
        assertThat(tasks).as("D_$result[deal] became D_<the new deal's id>").hasSize(1);
    }

    @Test
    void haltStopsAtTheFirstFailingCommand() {
        JsonNode result = batch(Bitrix24Batch.halting()
                .add("bad", "tasks.task.add", Map.of("fields", Map.of("RESPONSIBLE_ID", 1)))
                .add("never", "crm.lead.add", Map.of("fields", Map.of("TITLE", "must not exist"))));

        assertThat(result.path("result_error").path("bad").path("error").asText()).isEqualTo("ERROR_CORE");
        assertThat(result.path("result_error").path("bad").path("error_description").asText()).isEqualTo("Task title not specified<br>");
        assertThat(result.path("result").isArray()).as("nothing succeeded: []").isTrue();
        assertThat(result.path("result")).isEmpty();
        assertThat(result.path("result_time").has("never")).as("the command after the failure never ran").isFalse();
        JsonNode none = ok(client.postJson(HOOK + "crm.lead.list.json", Map.of("filter", Map.of("TITLE", "must not exist"))));
        assertThat(none).isEmpty();
    }

    @Test
    void withoutHaltEveryCommandRunsAndEachErrorIsKeyed() {
        JsonNode result = batch(Bitrix24Batch.independent()
                .add("missing", "crm.lead.get", Map.of("id", 987_654))
                .add("made", "crm.lead.add", Map.of("fields", Map.of("TITLE", "made anyway", "ORIGIN_ID", "no-halt"))));

        assertThat(result.path("result_error").path("missing").path("error").asText()).isEmpty();
        assertThat(result.path("result_error").path("missing").path("error_description").asText()).isEqualTo("Not found");
        assertThat(result.path("result").path("made").isIntegralNumber()).isTrue();
        assertThat(result.path("result_time").has("missing")).isTrue();
        assertThat(result.path("result_time").has("made")).isTrue();
    }

    @Test
    void listCommandsFillResultTotalAndResultNext() {
        for (int i = 0; i < 51; i++) {
            sandbox.bitrix24().call("crm.lead.add", SandboxClient.JSON.valueToTree(
                    Map.of("fields", Map.of("TITLE", "paged", "SOURCE_DESCRIPTION", "batch-list"))));
        }
        JsonNode result = batch(Bitrix24Batch.independent()
                .add("page", "crm.lead.list", Map.of("filter", Map.of("SOURCE_DESCRIPTION", "batch-list"), "select", List.of("ID"))));

        assertThat(result.path("result").path("page")).hasSize(50);
        assertThat(result.path("result_total").path("page").asInt()).isEqualTo(51);
        assertThat(result.path("result_next").path("page").asInt()).isEqualTo(50);
    }

    @Test
    void aReferenceToAListTakesTheListAndAMissingOneIsEmpty() {
        long a = ok(client.postJson(HOOK + "crm.contact.add.json", Map.of("fields", Map.of("NAME", "A",
                "EMAIL", List.of(Map.of("VALUE", "same@example.com", "VALUE_TYPE", "WORK")))))).asLong();
        long b = ok(client.postJson(HOOK + "crm.contact.add.json", Map.of("fields", Map.of("NAME", "B",
                "EMAIL", List.of(Map.of("VALUE", "same@example.com", "VALUE_TYPE", "HOME")))))).asLong();

        JsonNode result = batch(Bitrix24Batch.halting()
                .add("find", "crm.duplicate.findbycomm", Map.of("type", "EMAIL", "values", List.of("same@example.com")))
                .add("deal", "crm.deal.add", Map.of("fields", Map.of("TITLE", "Both", "CONTACT_IDS", Bitrix24Batch.ref("find", "CONTACT"),
                        "COMMENTS", "lead=" + Bitrix24Batch.ref("find", "LEAD", "0") + ";"))));

        JsonNode deal = ok(client.postJson(HOOK + "crm.deal.get.json", Map.of("id", result.path("result").path("deal").asLong())));
        assertThat(deal.path("CONTACT_IDS")).extracting(JsonNode::asLong).containsExactly(a, b);
        assertThat(deal.path("COMMENTS").asText()).as("no lead matched: the reference is empty").isEqualTo("lead=;");
    }

    @Test
    void aBatchSentAsAFormIsDecodedTwiceAsTheContractsExampleIsEncodedTwice() {
        SandboxClient.Answer answer = client.postForm(HOOK + "batch",
                "halt=0&cmd[0]=crm.lead.add%3Ffields%5BTITLE%5D%3DJohn%2526Martin");
        JsonNode result = ok(answer);

        JsonNode lead = ok(client.postJson(HOOK + "crm.lead.get.json", Map.of("id", result.path("result").get(0).asLong())));
        assertThat(lead.path("TITLE").asText()).isEqualTo("John&Martin");
    }

    @Test
    void commandsKeyedZeroOneTwoComeBackAsLists() {
        JsonNode result = batch(Bitrix24Batch.independent()
                .add("0", "crm.lead.add", Map.of("fields", Map.of("TITLE", "zero")))
                .add("1", "crm.lead.get", Map.of("id", 987_654)));

        assertThat(result.path("result").isArray()).isTrue();
        assertThat(result.path("result").get(0).isIntegralNumber()).isTrue();
        assertThat(result.path("result_error").isObject()).as("key 1 alone is not a list in PHP").isTrue();
        assertThat(result.path("result_error").has("1")).isTrue();
    }

    @Test
    void aNestedBatchFailsAndMoreThanFiftyCommandsAreRefused() {
        JsonNode nested = ok(client.postJson(HOOK + "batch.json", Map.of("halt", 0,
                "cmd", Map.of("inner", "batch?halt=0&cmd[x]=crm.lead.get%3Fid%3D1"))));
        assertThat(nested.path("result_error").path("inner").path("error").asText()).isEqualTo("ERROR_BATCH_METHOD_NOT_ALLOWED");

        Map<String, String> commands = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            commands.put("c" + i, "crm.lead.get?id=1");
        }
        error(client.postJson(HOOK + "batch.json", Map.of("halt", 0, "cmd", commands)), 400,
                "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
    }

    @Test
    void aBatchOfFiftyCommandsCountsOnceAgainstTheRateLimit() {
        double before = sandbox.bitrix24().bucketLevel();
        long commandsBefore = sandbox.bitrix24().stats().commands();
        Bitrix24Batch fifty = Bitrix24Batch.independent();
        for (int i = 0; i < 50; i++) {
            fifty.add("l" + i, "crm.lead.add", Map.of("fields", Map.of("TITLE", "one of fifty")));
        }

        JsonNode result = batch(fifty);

        assertThat(result.path("result")).hasSize(50);
        assertThat(sandbox.bitrix24().bucketLevel()).isEqualTo(before + 1);
        assertThat(sandbox.bitrix24().stats().commands()).isEqualTo(commandsBefore + 50);
    }
}
