package io.lintas.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.lintas.intake.IntakeRejected;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the fuzzers saw, per target: how many inputs, which outcomes (HTTP status or
 * "result"), and how long. {@link #report} prints the table and appends it to
 * {@code target/fuzz-report.txt}, which bench/fuzz.sh shows after a long run.
 */
public final class Outcomes {

    private final String suite;
    private final long started = System.nanoTime();
    private final Map<String, Map<String, AtomicLong>> byTarget = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> slowest = new ConcurrentHashMap<>();

    public Outcomes(String suite) {
        this.suite = suite;
    }

    /** Longest one input may take; more fails the check (a parser slow enough to tie up a thread is a DoS). */
    public static final long SLOW_MS = 3_000;

    /**
     * Runs one input of a unit-level target: a result, or an {@link IntakeRejected} with a 4xx status and a
     * non-blank reason, passes and is counted; any other throwable, or more than {@value #SLOW_MS} ms,
     * fails with the input shown.
     */
    public void check(String target, HostileInput.Body body, Callable<?> call) {
        long start = System.nanoTime();
        String outcome;
        try {
            call.call();
            outcome = "result";
        } catch (IntakeRejected rejected) {
            if (rejected.status() < 400 || rejected.status() > 499 || rejected.reason() == null
                    || rejected.reason().isBlank()) {
                throw new AssertionError(target + " rejected with " + rejected.status() + " '" + rejected.reason()
                        + "' (want a 4xx with a reason) for " + body.preview());
            }
            outcome = Integer.toString(rejected.status());
        } catch (Throwable unexpected) {
            throw new AssertionError(target + " threw " + unexpected + " for " + body.preview(), unexpected);
        }
        long nanos = System.nanoTime() - start;
        record(target, outcome, nanos);
        if (nanos / 1_000_000 > SLOW_MS) {
            throw new AssertionError(target + " took " + nanos / 1_000_000 + " ms for " + body.preview());
        }
    }

    /** Records one input of a target and what came of it; {@code nanos} is how long it took. */
    public void record(String target, String outcome, long nanos) {
        byTarget.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
        slowest.computeIfAbsent(target, t -> new AtomicLong()).accumulateAndGet(nanos, Math::max);
    }

    public long tries(String target) {
        return byTarget.getOrDefault(target, Map.of()).values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long total() {
        return byTarget.keySet().stream().mapToLong(this::tries).sum();
    }

    /** The table, one line per target: tries, slowest input, and the outcome histogram. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("== %s: %d inputs in %.1f s%n", suite, total(), (System.nanoTime() - started) / 1e9));
        new TreeMap<>(byTarget).forEach((target, outcomes) -> {
            StringBuilder histogram = new StringBuilder();
            new TreeMap<>(outcomes).forEach((outcome, n) -> histogram.append(' ').append(outcome).append('=').append(n.get()));
            s.append(String.format("%-34s tries=%-7d slowest=%5d ms |%s%n", target, tries(target),
                    slowest.get(target).get() / 1_000_000, histogram));
        });
        return s.toString();
    }

    /** Prints the table and appends it to target/fuzz-report.txt. */
    public void report() {
        String table = table();
        System.out.print(table);
        try {
            Path file = Path.of("target", "fuzz-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
