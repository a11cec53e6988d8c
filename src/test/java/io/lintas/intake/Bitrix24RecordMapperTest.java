package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.lead.Channel;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.RawLead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** crm.lead.get / crm.deal.get results (contract A5) → the envelope the pipeline takes. */
class Bitrix24RecordMapperTest {

    static final String LEAD = """
            {"ID":"1000983","TITLE":"IP Titov","NAME":"Gleb","SECOND_NAME":"Egorovich","LAST_NAME":"Titov",
             "COMPANY_TITLE":"IP Titov LLC","SOURCE_ID":"WEB","STATUS_ID":"NEW","COMMENTS":"Call after 5 pm",
             "CURRENCY_ID":"USD","OPPORTUNITY":"0.00","ASSIGNED_BY_ID":"1","ORIGINATOR_ID":null,"ORIGIN_ID":null,
             "UTM_SOURCE":"google","UTM_MEDIUM":"CPC","UTM_CAMPAIGN":null,"UTM_CONTENT":"","UTM_TERM":null,
             "PHONE":[{"ID":"11658","VALUE_TYPE":"OTHER","VALUE":"+15454777777","TYPE_ID":"PHONE"},
                      {"ID":"11659","VALUE_TYPE":"WORK","VALUE":"0812-3456-7890","TYPE_ID":"PHONE"}],
             "EMAIL":[{"ID":"11660","VALUE_TYPE":"WORK","VALUE":"Gleb@Example.com","TYPE_ID":"EMAIL"}]}""";

    final ObjectMapper json = new ObjectMapper();
    final Bitrix24RecordMapper mapper = new Bitrix24RecordMapper(new LeadNormalizer());

    @Test
    void aNewLeadIsKeyedByItsRecordAndMapsItsFields() throws Exception {
        IntakeEnvelope envelope = map("ONCRMLEADADD", "LEAD", LEAD, key -> false);

        assertThat(envelope.id()).isEqualTo("01JDQ7M0000000000000000001");
        assertThat(envelope.channel()).isEqualTo(Channel.CRM);
        assertThat(envelope.source()).isEqualTo("bitrix24");
        assertThat(envelope.sourceEventId()).isEqualTo("LEAD:1000983");
        assertThat(envelope.relatesTo()).isEmpty();
        assertThat(envelope.skipReason()).isNull();
        assertThat(envelope.endpoint()).isEqualTo("ONCRMLEADADD lead 1000983");
        assertThat(envelope.contentType()).isEqualTo("application/json");
        assertThat(new String(envelope.payload(), StandardCharsets.UTF_8)).isEqualTo(LEAD);
        RawLead raw = envelope.raw();
        assertThat(raw.firstName()).isEqualTo("Gleb");
        assertThat(raw.lastName()).isEqualTo("Titov");
        assertThat(raw.phones()).containsExactly("+15454777777", "0812-3456-7890");
        assertThat(raw.emails()).containsExactly("Gleb@Example.com");
        assertThat(raw.company()).isEqualTo("IP Titov LLC");
        assertThat(raw.message()).isEqualTo("Call after 5 pm");
        assertThat(raw.utm()).containsExactly(Map.entry("utm_source", "google"), Map.entry("utm_medium", "CPC"));
        assertThat(raw.attributes()).contains(Map.entry("TITLE", "IP Titov"), Map.entry("SOURCE_ID", "WEB"),
                Map.entry("SECOND_NAME", "Egorovich"), Map.entry("STATUS_ID", "NEW"), Map.entry("bitrix24.id", "1000983"),
                Map.entry("bitrix24.entity", "LEAD"), Map.entry("bitrix24.event", "ONCRMLEADADD"),
                Map.entry("bitrix24.domain", "some-domain.bitrix24.com"));
        assertThat(raw.attributes()).doesNotContainKeys("PHONE", "EMAIL", "NAME", "ORIGINATOR_ID", "UTM_SOURCE", "UTM_CONTENT");
    }

    @Test
    void anUpdateContinuesTheLeadItIsAbout() throws Exception {
        IntakeEnvelope envelope = map("ONCRMLEADUPDATE", "LEAD", LEAD, key -> true);
        assertThat(envelope.sourceEventId()).as("this occurrence: sent again, it is a duplicate")
                .isEqualTo("LEAD:1000983:ONCRMLEADUPDATE:1766047124");
        assertThat(envelope.relatesTo()).containsExactly("LEAD:1000983");
        assertThat(envelope.skipReason()).isNull();
    }

    @Test
    void theFirstEventSeenOfALeadCreatesItEvenWhenItIsAnUpdate() throws Exception {
        IntakeEnvelope envelope = map("ONCRMLEADUPDATE", "LEAD", LEAD, key -> false);
        assertThat(envelope.sourceEventId()).isEqualTo("LEAD:1000983");
        assertThat(envelope.relatesTo()).isEmpty();
        assertThat(map("ONCRMLEADADD", "LEAD", LEAD, key -> true).sourceEventId())
                .as("an add is always the lead itself: seen again, a duplicate").isEqualTo("LEAD:1000983");
    }

    @Test
    void ourOwnWriteIsAnEchoKeptAsSkipped() throws Exception {
        String ours = LEAD.replace("\"ORIGINATOR_ID\":null", "\"ORIGINATOR_ID\":\"lintas\"")
                .replace("\"ORIGIN_ID\":null", "\"ORIGIN_ID\":\"01JDQ7M00000000000000000ZZ\"");
        IntakeEnvelope add = map("ONCRMLEADADD", "LEAD", ours, key -> true);
        assertThat(add.skipReason()).isEqualTo("written by Lintas for lead 01JDQ7M00000000000000000ZZ; an echo of our own write, not a new lead");
        assertThat(add.sourceEventId()).isEqualTo("LEAD:1000983:ONCRMLEADADD:1766047124");
        assertThat(map("ONCRMLEADUPDATE", "LEAD", ours.replace("\"lintas\"", "\"LINTAS\""), key -> true).isSkipped()).isTrue();
        assertThat(map("ONCRMLEADADD", "LEAD", LEAD.replace("\"ORIGINATOR_ID\":null", "\"ORIGINATOR_ID\":\"tilda\""),
                key -> false).isSkipped()).isFalse();
    }

    @Test
    void aDealOfAKnownLeadContinuesItAndAnyOtherDealIsKeptForBilling() throws Exception {
        String deal = """
                {"ID":"7405","TITLE":"New Deal #1","STAGE_ID":"PREPARATION","CATEGORY_ID":"0","LEAD_ID":"1000983",
                 "CURRENCY_ID":"EUR","OPPORTUNITY":"1000000.00","ORIGINATOR_ID":null,"ORIGIN_ID":null,"UTM_SOURCE":"google"}""";
        IntakeEnvelope linked = map("ONCRMDEALUPDATE", "DEAL", deal, Set.of("LEAD:1000983")::contains);
        assertThat(linked.relatesTo()).containsExactly("LEAD:1000983");
        assertThat(linked.skipReason()).isNull();
        assertThat(linked.sourceEventId()).isEqualTo("DEAL:7405:ONCRMDEALUPDATE:1766047124");
        assertThat(linked.endpoint()).isEqualTo("ONCRMDEALUPDATE deal 7405, stage PREPARATION");
        assertThat(linked.raw().attributes()).contains(Map.entry("STAGE_ID", "PREPARATION"), Map.entry("OPPORTUNITY", "1000000.00"));

        IntakeEnvelope unknownLead = map("ONCRMDEALUPDATE", "DEAL", deal, key -> false);
        assertThat(unknownLead.skipReason()).isEqualTo("deal not linked to a lead Lintas knows; kept for billing");
        IntakeEnvelope noLead = map("ONCRMDEALADD", "DEAL", deal.replace("\"LEAD_ID\":\"1000983\"", "\"LEAD_ID\":null"), key -> true);
        assertThat(noLead.isSkipped()).isTrue();
    }

    @Test
    void recordsOfOnePersonShareAMessageGroupWithTheirWebForms() throws Exception {
        IntakeEnvelope envelope = map("ONCRMLEADADD", "LEAD", LEAD, key -> false);
        assertThat(mapper.group(envelope, "ID")).startsWith("acme:").hasSize("acme:".length() + 16);
        IntakeEnvelope nobody = map("ONCRMLEADADD", "LEAD", "{\"ID\":\"1\"}", key -> false);
        assertThat(mapper.group(nobody, "ID")).isEqualTo("acme");
    }

    private IntakeEnvelope map(String eventName, String entity, String record, java.util.function.Predicate<String> known)
            throws Exception {
        JsonNode node = json.readTree(record);
        CrmEvent event = new CrmEvent("01JDQ7M0000000000000000001", "acme", "bitrix24", eventName, entity,
                node.path("ID").asText(), 1766047124L, "d897063e1ce7c5eb9f04b9751eef5915", "some-domain.bitrix24.com",
                "975", Instant.parse("2025-12-18T08:38:45Z"), Map.of("FIELDS.ID", node.path("ID").asText()));
        return mapper.toEnvelope(event, node, record.getBytes(StandardCharsets.UTF_8), known);
    }
}
