package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The schema in src/main/resources/schema/lead-v1.schema.json describes what Jackson writes for a Lead. */
class LeadSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = LeadSchemaTest.class.getResourceAsStream("/schema/lead-v1.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static ObjectNode json(Lead lead) {
        return MAPPER.valueToTree(lead);
    }

    @Test
    void aNormalisedIndonesianLeadIsValid() {
        Lead lead = new LeadNormalizer().normalize(LeadNormalizerTest.ORIGIN, LeadNormalizerTest.indonesianFormLead(), "ID");

        assertThat(schema.validate(json(lead))).isEmpty();
    }

    @Test
    void aNormalisedRussianLeadIsValid() {
        LeadOrigin origin = new LeadOrigin("01HZX3K4M5N6P7Q8R9S0T1V2W4", "romashka", Channel.EMAIL, "imap",
                "<abc@mail.x.ru>", Instant.parse("2024-05-01T10:15:30.123456Z"), "ledger:payload/2");
        RawLead raw = new RawLead("Иванов Иван Иванович", null, null, List.of("8 (912) 345-67-89"),
                List.of("Иван <IVAN@X.RU>"), null, "Здравствуйте!", null, "maybe", Map.of("subject", "Заявка"));

        Lead lead = new LeadNormalizer().normalize(origin, raw, "RU");

        assertThat(schema.validate(json(lead))).isEmpty();
    }

    @Test
    void anInternationalisedEmailIsValid() {
        Lead lead = leadWithContact(new Contact(null, null, null, List.of(),
                List.of(EmailNormalizer.normalize("Info@Пример.РФ").orElseThrow()), null));

        assertThat(schema.validate(json(lead))).isEmpty();
    }

    @Test
    void aMinimalLeadWithNullsEverywhereIsValid() {
        LeadOrigin origin = new LeadOrigin("01HZX3K4M5N6P7Q8R9S0T1V2W5", "acme", Channel.CALL, "twilio", null,
                Instant.parse("2024-05-01T10:15:30Z"), "ledger:payload/3");

        Lead lead = new LeadNormalizer().normalize(origin,
                new RawLead(null, null, null, null, null, null, null, null, null, null), "ID");

        ObjectNode json = json(lead);
        assertThat(json.get("sourceEventId").isNull()).isTrue();
        assertThat(json.get("consent").isNull()).isTrue();
        assertThat(json.get("receivedAt").asText()).isEqualTo("2024-05-01T10:15:30Z");
        assertThat(schema.validate(json)).isEmpty();
    }

    @Test
    void theSchemaNamesEveryPropertyJacksonWrites() {
        ObjectNode json = json(new LeadNormalizer().normalize(LeadNormalizerTest.ORIGIN, LeadNormalizerTest.indonesianFormLead(), "ID"));

        assertThat(json.fieldNames()).toIterable().contains("id", "tenant", "channel", "source",
                "sourceEventId", "receivedAt", "contact", "message", "utm", "consent", "attributes", "rawPayloadRef");
        assertThat(schema.validate(json)).isEmpty(); // additionalProperties is false: every other name is described
        json.put("unexpected", "x");
        assertThat(schema.validate(json)).isNotEmpty();
    }

    @Test
    void aNonE164PhoneFails() {
        Lead lead = leadWithContact(new Contact("Budi", "Budi", null, List.of("0812-3456-7890"), List.of(), null));

        assertThat(messages(schema.validate(json(lead)))).anySatisfy(m -> assertThat(m).contains("phones"));
    }

    @Test
    void aPhoneWithoutPlusFails() {
        Lead lead = leadWithContact(new Contact("Budi", "Budi", null, List.of("6281234567890"), List.of(), null));

        assertThat(schema.validate(json(lead))).isNotEmpty();
    }

    @Test
    void aBadEmailFails() {
        Lead lead = leadWithContact(new Contact("Budi", "Budi", null, List.of(), List.of("not an email"), null));

        assertThat(messages(schema.validate(json(lead)))).anySatisfy(m -> assertThat(m).contains("emails"));
    }

    @Test
    void aBadIdFails() {
        Lead good = leadWithContact(new Contact(null, null, null, List.of("+6281234567890"), List.of(), null));
        ObjectNode json = json(good);
        assertThat(schema.validate(json)).isEmpty();

        json.put("id", "01HZX3K4M5N6P7Q8R9S0T1V2WU"); // U is not Crockford base32
        assertThat(schema.validate(json)).isNotEmpty();
    }

    @Test
    void anUnknownChannelAndANonStringAttributeFail() {
        ObjectNode json = json(leadWithContact(new Contact(null, null, null, List.of(), List.of(), null)));
        json.put("channel", "FAX");
        assertThat(schema.validate(json)).isNotEmpty();

        ObjectNode other = json(leadWithContact(new Contact(null, null, null, List.of(), List.of(), null)));
        other.with("attributes").put("count", 3);
        assertThat(schema.validate(other)).isNotEmpty();
    }

    private static Lead leadWithContact(Contact contact) {
        LeadOrigin o = LeadNormalizerTest.ORIGIN;
        return new Lead(o.id(), o.tenant(), o.channel(), o.source(), o.sourceEventId(), o.receivedAt(), contact,
                "hello", null, null, null, o.rawPayloadRef());
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).toList();
    }
}
