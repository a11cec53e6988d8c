package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.tenant.CallsConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * schema/pbx-call-v1.schema.json and the parser agree: what the schema accepts the parser reads,
 * and what the schema refuses the parser refuses with a 422.
 */
class PbxCallSchemaTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:16:40Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    private final PbxCallParser parser = new PbxCallParser(new StandardWebhookVerifier(Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = PbxCallSchemaTest.class.getResourceAsStream("/schema/pbx-call-v1.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    @Test
    void theDocumentedExampleIsValidAndReadsAsAMissedInboundCall() throws Exception {
        String body;
        try (InputStream in = PbxCallSchemaTest.class.getResourceAsStream("/intake-calls/pbx-call-ended.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(schema.validate(JSON.readTree(body))).isEmpty();
        CallEvent event = parser.parse(signed(body), new CallsConfig.Pbx(SECRET));
        assertThat(event.kind()).isEqualTo(CallEvent.Kind.OUTCOME);
        assertThat(event.eventKey()).isEqualTo("1732529702.2219");
        assertThat(event.customerPhone()).isEqualTo("+6281312345678");
        assertThat(event.answered()).isFalse();
        assertThat(event.attributes()).containsEntry("queue", "sales").containsEntry("hangup_cause", "19")
                .containsEntry("extension", "600").doesNotContainKey("recording_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"call.started\",\"data\":{\"call_id\":\"1\",\"direction\":\"inbound\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"2\",\"direction\":\"outbound\",\"status\":\"answered\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"3\",\"direction\":\"inbound\",\"from\":\"0813\",\"status\":\"busy\",\"duration_seconds\":null}}"
    })
    void whatTheSchemaAcceptsTheParserReads(String body) throws Exception {
        assertThat(schema.validate(JSON.readTree(body))).isEmpty();
        assertThat(parser.parse(signed(body), new CallsConfig.Pbx(SECRET))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"call.held\",\"data\":{\"call_id\":\"1\",\"direction\":\"inbound\"}}",
            "{\"type\":\"call.ended\"}",
            "{\"type\":\"call.ended\",\"data\":{\"direction\":\"inbound\",\"from\":\"+6281312345678\",\"status\":\"busy\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"4\",\"direction\":\"sideways\",\"from\":\"+6281312345678\",\"status\":\"busy\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"5\",\"direction\":\"inbound\",\"status\":\"busy\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"6\",\"direction\":\"inbound\",\"from\":\"+6281312345678\",\"status\":\"ringing\"}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"7\",\"direction\":\"inbound\",\"from\":\"+6281312345678\",\"status\":\"busy\",\"duration_seconds\":-1}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"8\",\"direction\":\"inbound\",\"from\":\"+6281312345678\",\"status\":\"busy\",\"duration_seconds\":1.5}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"9\",\"direction\":\"inbound\",\"from\":\"+6281312345678\",\"status\":\"busy\",\"agent\":{\"id\":1}}}",
            "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"10\",\"direction\":\"inbound\",\"from\":6281312345678,\"status\":\"busy\"}}"
    })
    void whatTheSchemaRefusesTheParserRefusesWith422(String body) throws Exception {
        assertThat(schema.validate(JSON.readTree(body))).isNotEmpty();
        IntakeRejected rejected = catchThrowableOfType(IntakeRejected.class,
                () -> parser.parse(signed(body), new CallsConfig.Pbx(SECRET)));
        assertThat(rejected).isNotNull();
        assertThat(rejected.status()).as(rejected.reason()).isEqualTo(422);
    }

    private static InboundRequest signed(String body) {
        String ts = Long.toString(NOW.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(SECRET.substring(6));
        String signature = "v1," + StandardWebhookVerifier.sign(key, "msg_x", ts, body.getBytes(StandardCharsets.UTF_8));
        return new InboundRequest("https://hub.example/hooks/acme/calls/pbx", "application/json",
                Map.of("webhook-id", "msg_x", "webhook-timestamp", ts, "webhook-signature", signature), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
