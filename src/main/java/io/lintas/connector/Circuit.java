package io.lintas.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit of one external connector of one tenant: CLOSED while calls succeed, OPEN after
 * {@code failureThreshold} consecutive failures, HALF_OPEN once {@code openFor} has passed since it
 * opened; in HALF_OPEN the next call decides (success: CLOSED, failure: OPEN again).
 *
 * <p>Failures are calls the remote system could not answer (no answer, 5xx, 429), not refusals of
 * a bad request. Thread-safe; every method is a few field reads or writes under the object's lock.
 */
public final class Circuit {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What a caller or a health check sees. */
    public record Snapshot(String tenant, String connector, State state, int consecutiveFailures, long calls,
            long failures, Instant openedAt, String lastFailure) {
    }

    private final String tenant;
    private final String connector;
    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private int consecutiveFailures;
    private long calls;
    private long failures;
    private Instant openedAt;
    private String lastFailure;

    public Circuit(String tenant, String connector, int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        this.tenant = tenant;
        this.connector = connector;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public synchronized void success() {
        calls++;
        consecutiveFailures = 0;
        openedAt = null;
    }

    /** @param reason one line, already free of personal data and secrets */
    public synchronized void failure(String reason) {
        calls++;
        failures++;
        consecutiveFailures++;
        lastFailure = reason;
        State before = state();
        if (before == State.HALF_OPEN || before == State.CLOSED && consecutiveFailures >= failureThreshold) {
            openedAt = clock.instant();
        }
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    /** False while OPEN: a caller that wants to fail fast asks this before calling. */
    public boolean allowsCall() {
        return state() != State.OPEN;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(tenant, connector, state(), consecutiveFailures, calls, failures, openedAt, lastFailure);
    }
}
