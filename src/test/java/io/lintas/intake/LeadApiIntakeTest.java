package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.lead.Channel;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.ApiConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lead API's intake: who may send, what a lead must look like, and the envelope it makes. */
class LeadApiIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String ACME_KEY = "acme-api-key-0001-test";

    private final LeadApiIntake intake = new LeadApiIntake(new TenantRegistry(List.of(
            tenant("acme", "ID", new ApiConfig(List.of(ACME_KEY), true)),
            tenant("rusco", "RU", new ApiConfig(List.of("rusco-api-key-0001-test"), false)),
            tenant("kafkaonly", "ID", new ApiConfig(List.of(), true)),
            tenant("formsonly", "ID", null))),
            new LeadDocumentReader(), new LeadNormalizer(), Clock.fixed(NOW, ZoneOffset.UTC), () -> "01JDZZZZZZZZZZZZZZZZZZZZZZ");

    private static Tenant tenant(String id, String region, ApiConfig api) {
        return new Tenant(id, id, region, "IDR", ZoneId.of("UTC"), Duration.ofHours(1), Map.of(), List.of(), null, null, api);
    }

    /**
     * Found by IntakeFuzzTest: an attribute of 1e999999999 ran out of heap writing a billion digits, and
     * 1E-2147483648 (a scale Java cannot hold) was a NumberFormatException: both were a 500.
     */
    @Test
    void hugeExponentsAreKeptInExponentNotationOrRefused() {
        IntakeDecision decision = intake.http(acme("""
                {"contact": {"phones": ["0812-3456-7890"]}, "attributes": {"score": -1e999999999, "tiny": 1E-999999999}}"""));

        assertThat(decision.envelope().raw().attributes()).containsEntry("score", "-1E+999999999")
                .containsEntry("tiny", "1E-999999999");
        assertThatThrownBy(() -> intake.http(acme("""
                {"contact": {"phones": ["0812-3456-7890"]}, "attributes": {"tiny": 1E-2147483648}}""")))
                .isInstanceOfSatisfying(IntakeRejected.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    private static InboundRequest request(String tenant, String authorization, String contentType, String body) {
        TestRequests request = TestRequests.post(contentType, body);
        if (tenant != null) {
            request.header("X-Lintas-Tenant", tenant);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static InboundRequest acme(String body) {
        return request("acme", "Bearer " + ACME_KEY, TestRequests.JSON, body);
    }

    @Test
    void aLeadWithTheTenantsKeyBecomesAnApiEnvelopeKeyedByItsExternalId() {
        String body = """
                {"externalId": " ord-1 ", "contact": {"fullName": "Budi", "phones": ["0812-3456-7890"], "company": "PT X"},
                 "message": "Halo", "utm": {"source": "erp", "term": null}, "consent": "yes",
                 "attributes": {"score": 9.50, "vip": true, "skip": null}}""";

        IntakeDecision decision = intake.http(acme(body));

        IntakeEnvelope envelope = decision.envelope();
        assertThat(decision.status()).isEqualTo(202);
        assertThat(decision.body()).isEqualTo("{\"leadId\":\"01JDZZZZZZZZZZZZZZZZZZZZZZ\",\"status\":\"accepted\"}");
        assertThat(decision.group()).startsWith("acme:");
        assertThat(envelope.channel()).isEqualTo(Channel.API);
        assertThat(envelope.source()).isEqualTo("api");
        assertThat(envelope.endpoint()).isEqualTo("http");
        assertThat(envelope.sourceEventId()).isEqualTo("ord-1");
        assertThat(envelope.receivedAt()).isEqualTo(NOW);
        assertThat(envelope.payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.raw().fullName()).isEqualTo("Budi");
        assertThat(envelope.raw().phones()).containsExactly("0812-3456-7890");
        assertThat(envelope.raw().company()).isEqualTo("PT X");
        assertThat(envelope.raw().utm()).containsExactly(Map.entry("utm_source", "erp"));
        assertThat(envelope.raw().consent()).isEqualTo("yes");
        assertThat(envelope.raw().attributes()).containsExactly(Map.entry("score", "9.50"), Map.entry("vip", "true"));
    }

    @Test
    void whoMaySend() {
        String body = "{\"message\": \"hi\"}";

        assertRejected(() -> intake.http(request(null, "Bearer " + ACME_KEY, "application/json", body)), 404, "X-Lintas-Tenant");
        assertRejected(() -> intake.http(request("nowhere", "Bearer " + ACME_KEY, "application/json", body)), 404, "unknown tenant");
        assertRejected(() -> intake.http(request("formsonly", "Bearer " + ACME_KEY, "application/json", body)), 404, "not enabled");
        assertRejected(() -> intake.http(request("kafkaonly", "Bearer " + ACME_KEY, "application/json", body)), 404, "not enabled");
        assertRejected(() -> intake.http(request("acme", null, "application/json", body)), 401, "missing API key");
        assertRejected(() -> intake.http(request("acme", ACME_KEY, "application/json", body)), 401, "missing API key");
        assertRejected(() -> intake.http(request("acme", "Bearer ", "application/json", body)), 401, "missing API key");
        assertRejected(() -> intake.http(request("rusco", "Bearer " + ACME_KEY, "application/json", body)), 401, "invalid API key");
        assertThat(intake.http(request("acme", "bearer  " + ACME_KEY + " ", "application/json", body)).status()).isEqualTo(202);
    }

    @Test
    void whatALeadMustLookLike() {
        assertRejected(() -> intake.http(request("acme", "Bearer " + ACME_KEY, "text/plain", "{}")), 415, "got text/plain");
        assertRejected(() -> intake.http(request("acme", "Bearer " + ACME_KEY, null, "{}")), 415, "got none");
        assertThat(intake.http(request("acme", "Bearer " + ACME_KEY, "application/vnd.lead+json; charset=utf-8",
                "{\"message\": \"hi\"}")).status()).isEqualTo(202);
        assertRejected(() -> intake.http(acme("")), 400, "empty");
        assertRejected(() -> intake.http(acme("{\"message\": ")), 400, "not valid JSON");
        assertRejected(() -> intake.http(acme("{\"message\": \"a\", \"message\": \"b\"}")), 400, "not valid JSON");
        assertRejected(() -> intake.http(acme("[]")), 422, "array found, object expected");
        assertRejected(() -> intake.http(acme("{\"contact\": {\"phone\": \"0812\"}}")), 422, "property 'phone' is not defined");
        assertRejected(() -> intake.http(acme("{\"externalId\": \"  \", \"message\": \"hi\"}")), 422, "/externalId");
        assertRejected(() -> intake.http(acme("{\"attributes\": {\"nested\": {\"a\": 1}}, \"message\": \"hi\"}")), 422,
                "/attributes/nested");
        assertRejected(() -> intake.http(acme("{\"contact\": {\"fullName\": \"Nobody\", \"emails\": [\"not-an-email\"]}}")),
                422, "nothing to contact");
        assertRejected(() -> intake.http(acme("{\"tenant\": \"rusco\", \"message\": \"hi\"}")), 422, "differs");
        assertThat(intake.http(acme("{\"tenant\": \"acme\", \"message\": \"hi\"}")).status()).isEqualTo(202);
    }

    @Test
    void anOrderTravelsWithTheLeadWithItsNumbersExactAndABadOneIsRefusedByTheSchema() {
        IntakeDecision decision = intake.http(acme("""
                {"contact": {"emails": ["budi@example.co.id"]},
                 "order": {"currency": "idr", "description": "Order 77",
                           "items": [{"name": "Paket Hemat", "quantity": 2, "price": 75000.50}, {"name": "Ongkir", "price": 1.500}]}}"""));
        assertThat(decision.envelope().raw().order()).isEqualTo(io.lintas.lead.RawOrder.exact("idr", List.of(
                new io.lintas.lead.RawOrder.Item("Paket Hemat", "2", "75000.50"),
                new io.lintas.lead.RawOrder.Item("Ongkir", null, "1.500")), "Order 77"));
        assertRejected(() -> intake.http(acme("{\"message\": \"hi\", \"order\": {\"items\": []}}")), 422, "/order/items");
        assertRejected(() -> intake.http(acme("{\"message\": \"hi\", \"order\": {\"items\": [{\"name\": \"A\", \"price\": -1}]}}")),
                422, "/order/items/0/price");
        assertRejected(() -> intake.http(acme("{\"message\": \"hi\", \"order\": {\"items\": [{\"name\": \"A\", \"price\": \"10\"}]}}")),
                422, "/order/items/0/price");
    }

    @Test
    void aSchemaReasonNamesAtMostFiveFieldsAndNoValues() {
        String body = "{\"a\": \"secret-value-1\", \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6, \"g\": 7}";

        assertThatThrownBy(() -> intake.http(acme(body))).isInstanceOfSatisfying(IntakeRejected.class, e -> {
            assertThat(e.reason()).contains("(and 2 more)").doesNotContain("secret-value-1");
        });
    }

    @Test
    void kafkaRecordsNameTheirTenantInAHeaderOrTheDocument() {
        IntakeEnvelope byHeader = intake.kafka("lintas.leads.in", "acme", bytes("{\"message\": \"hi\"}")).envelope();
        IntakeEnvelope byField = intake.kafka("lintas.leads.in", null, bytes("{\"tenant\": \"acme\", \"message\": \"hi\"}")).envelope();

        assertThat(byHeader.tenant()).isEqualTo("acme");
        assertThat(byHeader.endpoint()).isEqualTo("kafka:lintas.leads.in");
        assertThat(byField.tenant()).isEqualTo("acme");
        assertThat(intake.kafka("t", "kafkaonly", bytes("{\"message\": \"hi\"}")).envelope().tenant()).isEqualTo("kafkaonly");
    }

    @Test
    void kafkaRecordsAreRefusedWithAReason() {
        assertRejected(() -> intake.kafka("t", null, bytes("{\"message\": \"hi\"}")), 422, "no tenant");
        assertRejected(() -> intake.kafka("t", "rusco", bytes("{\"tenant\": \"acme\", \"message\": \"hi\"}")), 422, "disagree");
        assertRejected(() -> intake.kafka("t", "nowhere", bytes("{\"message\": \"hi\"}")), 404, "unknown tenant");
        assertRejected(() -> intake.kafka("t", "rusco", bytes("{\"message\": \"hi\"}")), 401, "api.kafka");
        assertRejected(() -> intake.kafka("t", "formsonly", bytes("{\"message\": \"hi\"}")), 401, "api.kafka");
        assertRejected(() -> intake.kafka("t", "acme", bytes("nope")), 400, "not valid JSON");
        assertRejected(() -> intake.kafka("t", "acme", null), 400, "empty");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IntakeRejected.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.reason()).contains(reason);
        });
    }
}
