package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract A1 (bracket encoding) and A4 (batch). */
class Bitrix24BatchTest {

    final ObjectMapper json = new ObjectMapper();
    final Bitrix24Requests requests = new Bitrix24Requests(json);

    @Test
    void theContractsBatchExampleIsWrittenToTheByte() {
        Bitrix24Batch batch = Bitrix24Batch.independent()
                .add("get_user", "user.current", Map.of())
                .add("get_department", "department.get",
                        Map.of("ID", Bitrix24Batch.ref("get_user", "UF_DEPARTMENT", "0")));

        assertThat(requests.body(batch)).isEqualTo(
                "{\"halt\":0,\"cmd\":{\"get_user\":\"user.current\",\"get_department\":\"department.get?ID=$result[get_user][UF_DEPARTMENT][0]\"}}");
    }

    @Test
    void parametersUseBracketNotationWithEncodedValues() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("TITLE", "My company");
        fields.put("PHONE", List.of(Map.of("VALUE", "112233"), Map.of("VALUE", "555888112")));
        assertThat(Bitrix24Requests.query(Map.of("fields", fields)))
                .isEqualTo("fields[TITLE]=My+company&fields[PHONE][0][VALUE]=112233&fields[PHONE][1][VALUE]=555888112");
        assertThat(Bitrix24Requests.query(Map.of("fields", Map.of("TITLE", "John&Martin"))))
                .isEqualTo("fields[TITLE]=John%26Martin");
    }

    @Test
    void aLookupThenCreateChainHaltsAndReferencesTheEarlierResult() throws Exception {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("TITLE", "Lead");
        lead.put("CONTACT_ID", Bitrix24Batch.ref("find", "CONTACT", "0"));
        lead.put("OPENED", true);
        lead.put("COMMENTS", null);
        Bitrix24Batch batch = Bitrix24Batch.halting()
                .add("find", "crm.duplicate.findbycomm", Map.of("entity_type", "CONTACT", "type", "PHONE",
                        "values", List.of("+6281234567890")))
                .add("lead", "crm.lead.add", Map.of("fields", lead));

        Map<String, Object> params = batch.params();
        assertThat(params.get("halt")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, String> cmd = (Map<String, String>) params.get("cmd");
        assertThat(cmd.get("find")).startsWith("crm.duplicate.findbycomm?")
                .contains("values[0]=%2B6281234567890").contains("entity_type=CONTACT").contains("type=PHONE");
        assertThat(cmd.get("lead"))
                .isEqualTo("crm.lead.add?fields[TITLE]=Lead&fields[CONTACT_ID]=$result[find][CONTACT][0]&fields[OPENED]=1");
    }

    @Test
    void misuseIsRefusedBeforeThePortalRefusesIt() {
        Bitrix24Batch batch = Bitrix24Batch.halting();
        for (int i = 0; i < Bitrix24Batch.MAX_COMMANDS; i++) {
            batch.add("c" + i, "crm.lead.get", Map.of("id", i));
        }
        assertThatThrownBy(() -> batch.add("one_more", "crm.lead.get", Map.of()))
                .hasMessageContaining("ERROR_BATCH_LENGTH_EXCEEDED");
        assertThatThrownBy(() -> Bitrix24Batch.halting().add("inner", "batch", Map.of()))
                .hasMessageContaining("ERROR_BATCH_METHOD_NOT_ALLOWED");
        assertThatThrownBy(() -> Bitrix24Batch.halting().add("a", "x", Map.of()).add("a", "y", Map.of()))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> Bitrix24Batch.ref("k", "a]&x=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersAreReadWithTheirErrorsAndEmptyArrays() throws Exception {
        Bitrix24Batch.Result result = Bitrix24Batch.read(json.readTree("""
                {"result":{"find":[],"lead":17},
                 "result_error":{"other":{"error":"","error_description":"Not found"}},
                 "result_total":[],"result_next":[],"result_time":{}}"""));
        assertThat(result.results().get("lead").asInt()).isEqualTo(17);
        assertThat(result.results().get("find").isEmpty()).isTrue();
        assertThat(result.failed()).isTrue();
        assertThat(result.errors().get("other").description()).isEqualTo("Not found");

        Bitrix24Batch.Result clean = Bitrix24Batch.read(json.readTree(
                "{\"result\":[{\"ID\":\"1\"}],\"result_error\":[],\"result_total\":[],\"result_next\":[]}"));
        assertThat(clean.failed()).isFalse();
        assertThat(clean.results().get("0").path("ID").asText()).isEqualTo("1");
    }
}
