package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form intake's decisions: which tenant, what to queue, how to answer. */
class FormIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final FormIntake intake = new FormIntake(new TenantRegistry(List.of(Tenant.withForms("acme", "Acme", "ID", "IDR",
            ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of(
                    "contact", new FormConfig("contact", FormKind.HTML, "t0ken", null, null, null, "website", Map.of()),
                    "tilda", new FormConfig("tilda", FormKind.TILDA, null, null, null, null, null, Map.of()))))),
            new FormParsers(), new LeadNormalizer(), Clock.fixed(NOW, ZoneOffset.UTC), () -> "01JTESTLEAD0000000000000000");

    @Test
    void aJsonCallerGets202WithTheLeadIdAndTheEnvelopeKeepsTheRawBytes() {
        byte[] body = "{\"name\":\"Budi\",\"phone\":\"0812-3456-7890\"}".getBytes();
        IntakeDecision decision = intake.receive("acme", "contact",
                TestRequests.post(TestRequests.JSON, body).query("token", "t0ken").build());

        assertThat(decision.status()).isEqualTo(202);
        assertThat(decision.body()).isEqualTo("{\"leadId\":\"01JTESTLEAD0000000000000000\",\"status\":\"accepted\"}");
        IntakeEnvelope envelope = decision.envelope();
        assertThat(envelope.tenant()).isEqualTo("acme");
        assertThat(envelope.source()).isEqualTo("html");
        assertThat(envelope.receivedAt()).isEqualTo(NOW);
        assertThat(envelope.payload()).isEqualTo(body);
        assertThat(envelope.isSpam()).isFalse();
        assertThat(decision.group()).startsWith("acme:").doesNotContain("812");
    }

    @Test
    void aBrowserFormGets200() {
        IntakeDecision decision = intake.receive("acme", "contact", TestRequests.post(TestRequests.URLENCODED,
                "name=Budi&email=budi%40example.id").query("token", "t0ken").build());

        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.envelope()).isNotNull();
    }

    @Test
    void theTildaProbeQueuesNothing() {
        IntakeDecision decision = intake.receive("acme", "tilda", TestRequests.post(TestRequests.URLENCODED, "test=test").build());

        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.envelope()).isNull();
    }

    @Test
    void spamIsQueuedWithItsReasonAndAnsweredPlain200() {
        IntakeDecision decision = intake.receive("acme", "contact", TestRequests.post(TestRequests.JSON,
                "{\"name\":\"x\",\"website\":\"http://spam\"}").query("token", "t0ken").build());

        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.envelope().spamReason()).contains("website");
    }

    @Test
    void refusals() {
        InboundRequest nobody = TestRequests.post(TestRequests.URLENCODED, "name=Nobody&phone=12").query("token", "t0ken").build();

        assertThatThrownBy(() -> intake.receive("other", "contact", nobody))
                .isInstanceOfSatisfying(IntakeRejected.class, r -> assertThat(r.status()).isEqualTo(404));
        assertThatThrownBy(() -> intake.receive("acme", "nosuch", nobody))
                .isInstanceOfSatisfying(IntakeRejected.class, r -> assertThat(r.status()).isEqualTo(404));
        assertThatThrownBy(() -> intake.receive("acme", "contact", nobody))
                .isInstanceOfSatisfying(IntakeRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.reason()).contains("phone").contains("email").contains("message");
                });
    }
}
