package io.lintas.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * One {@link Circuit} per (tenant, connector), made on the first call. The connector is the Kamelet's
 * name ({@code bitrix24-rest-action}, {@code jira-rest-action}, {@code xendit-rest-action},
 * {@code twilio-sms-action}, {@code webhook-post-action}, ...).
 */
public final class Circuits {

    /** Tenant of a call made outside any tenant's message (e.g. a scheduled sweep). */
    public static final String NO_TENANT = "-";

    private final ConcurrentMap<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private volatile Consumer<Circuit> onNewCircuit = c -> { };

    public Circuits(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public Circuit of(String tenant, String connector) {
        String who = tenant == null || tenant.isBlank() ? NO_TENANT : tenant;
        return circuits.computeIfAbsent(who + "/" + connector, key -> {
            Circuit made = new Circuit(who, connector, failureThreshold, openFor, clock);
            onNewCircuit.accept(made);
            return made;
        });
    }

    /** Told of each circuit as it is made (metrics register its gauge). */
    public void onNewCircuit(Consumer<Circuit> listener) {
        this.onNewCircuit = listener;
    }

    /** Every circuit, by tenant then connector. */
    public List<Circuit.Snapshot> snapshots() {
        return circuits.values().stream().map(Circuit::snapshot)
                .sorted(Comparator.comparing(Circuit.Snapshot::tenant).thenComparing(Circuit.Snapshot::connector))
                .toList();
    }
}
