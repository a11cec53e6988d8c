package io.lintas.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
    private final Circuit circuit = new Circuit("acme", "bitrix24-rest-action", 3, Duration.ofSeconds(30), clock);

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        circuit.failure("HTTP 503");
        circuit.failure("HTTP 503");
        circuit.success();
        circuit.failure("HTTP 503");
        circuit.failure("HTTP 503");

        assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
        assertThat(circuit.allowsCall()).isTrue();
        assertThat(circuit.snapshot().consecutiveFailures()).isEqualTo(2);
        assertThat(circuit.snapshot().calls()).isEqualTo(5);
        assertThat(circuit.snapshot().failures()).isEqualTo(4);
    }

    @Test
    void opensAtTheThresholdThenHalfOpensAfterTheOpenTime() {
        for (int i = 0; i < 3; i++) {
            circuit.failure("HTTP 503");
        }
        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(circuit.allowsCall()).isFalse();
        assertThat(circuit.snapshot().openedAt()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(circuit.snapshot().lastFailure()).isEqualTo("HTTP 503");

        clock.advance(Duration.ofSeconds(29));
        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(circuit.state()).isEqualTo(Circuit.State.HALF_OPEN);
        assertThat(circuit.allowsCall()).isTrue();
    }

    @Test
    void halfOpenClosesOnASuccess() {
        openAndWait();
        circuit.success();
        assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
        assertThat(circuit.snapshot().openedAt()).isNull();
    }

    @Test
    void halfOpenOpensAgainOnAFailureForAnotherFullOpenTime() {
        openAndWait();
        Instant reopened = clock.instant();
        circuit.failure("no answer: SocketTimeoutException");
        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(circuit.snapshot().openedAt()).isEqualTo(reopened);
        clock.advance(Duration.ofSeconds(29));
        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
    }

    @Test
    void failuresWhileOpenDoNotMoveTheOpeningTime() {
        for (int i = 0; i < 3; i++) {
            circuit.failure("HTTP 503");
        }
        Instant opened = circuit.snapshot().openedAt();
        clock.advance(Duration.ofSeconds(10));
        circuit.failure("HTTP 503");
        assertThat(circuit.snapshot().openedAt()).isEqualTo(opened);
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> new Circuit("acme", "x", 0, Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRegistryKeepsOneCircuitPerTenantAndConnectorAndTellsOfNewOnes() {
        Circuits circuits = new Circuits(3, Duration.ofSeconds(30), clock);
        java.util.List<String> made = new java.util.ArrayList<>();
        circuits.onNewCircuit(c -> made.add(c.snapshot().tenant() + "/" + c.snapshot().connector()));

        assertThat(circuits.of("rusco", "jira-rest-action")).isSameAs(circuits.of("rusco", "jira-rest-action"));
        circuits.of("acme", "jira-rest-action");
        circuits.of(null, "webhook-post-action");

        assertThat(made).containsExactly("rusco/jira-rest-action", "acme/jira-rest-action", "-/webhook-post-action");
        assertThat(circuits.snapshots()).extracting(s -> s.tenant() + "/" + s.connector())
                .containsExactly("-/webhook-post-action", "acme/jira-rest-action", "rusco/jira-rest-action");
    }

    private void openAndWait() {
        for (int i = 0; i < 3; i++) {
            circuit.failure("HTTP 503");
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.state()).isEqualTo(Circuit.State.HALF_OPEN);
    }
}
