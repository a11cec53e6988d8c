package io.lintas.connector.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of Bitrix24 calls: callers of one portal share {@code batch} requests. A portal allows
 * about 2 requests/s but 50 commands per {@code batch}, so every caller hands its command chain
 * (e.g. the lookups for one lead) to the portal's lane and blocks; whoever holds the lane's turn
 * waits for the portal's rate limiter, then sends one {@code batch} (halt=0) with the chains of
 * everyone waiting by then, up to 50 commands, and hands each caller its own results and errors.
 * Chains are never split, so a chain's {@code $result[...]} references stay inside its batch.
 * Callers keep their own transactions: each commits or rolls back on its own outcome.
 */
public final class PortalBatcher {

    /** Sends one {@code batch} to a portal; the limiter's place is already taken. */
    public interface BatchSender {
        /**
         * @return the answer's {@code result} ({@code {"result":{…},"result_error":{…},…}})
         * @throws Bitrix24Failure when the whole call failed (rate limit, timeout, 5xx, credentials)
         */
        JsonNode send(Portal portal, Bitrix24Batch batch);
    }

    /** Waits, so a test can run the batcher without real time passing. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * A portal as the batcher sees it.
     *
     * @param key        the rate limiter's key (the portal's domain)
     * @param webhookUrl the incoming webhook calls go through (a secret; masked in toString)
     * @param plan       the portal's rate plan
     */
    public record Portal(String key, String webhookUrl, RatePlan plan) {
        @Override
        public String toString() {
            return "Portal[" + key + "]";
        }
    }

    /** One sub-call of a chain. Keys must be unique across callers: prefix them with the caller's id. */
    public record Command(String key, String method, Map<String, ?> params) {
    }

    /** What a chain's commands gave: results and errors by key (a command that never ran has neither). */
    public record Outcome(Map<String, JsonNode> results, Map<String, Bitrix24Batch.Error> errors) {

        public JsonNode result(String key) {
            return results.get(key);
        }

        public Bitrix24Batch.Error error(String key) {
            return errors.get(key);
        }
    }

    /** Codes a sub-call may fail with that a later attempt can cure. */
    private static final Set<String> TRANSIENT_CODES = Set.of("query_limit_exceeded", "operation_time_limit",
            "internal_server_error", "error_unexpected_answer");
    private static final Duration POLL = Duration.ofMillis(50);
    /** How often a chain goes back in line after the portal refused its batch for the rate limit. */
    static final int MAX_REFUSALS = 5;

    private final PortalRateLimiter limiter;
    private final BatchSender sender;
    private final Sleeper sleeper;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public PortalBatcher(PortalRateLimiter limiter, BatchSender sender, Sleeper sleeper) {
        this.limiter = limiter;
        this.sender = sender;
        this.sleeper = sleeper;
    }

    public PortalBatcher(PortalRateLimiter limiter, BatchSender sender) {
        this(limiter, sender, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()));
    }

    /**
     * Runs a chain in the portal's next batch with room for it and waits for its outcome.
     *
     * @throws Bitrix24Failure when the batch request itself failed (each chain in it gets the same failure)
     * @throws IllegalArgumentException for an empty chain or one longer than 50 commands
     */
    public Outcome submit(Portal portal, List<Command> chain) {
        if (chain.isEmpty() || chain.size() > Bitrix24Batch.MAX_COMMANDS) {
            throw new IllegalArgumentException("a chain holds 1 to " + Bitrix24Batch.MAX_COMMANDS + " commands (got "
                    + chain.size() + ")");
        }
        Lane lane = lanes.computeIfAbsent(portal.webhookUrl(), url -> new Lane());
        Pending pending = new Pending(List.copyOf(chain));
        lane.waiting.add(pending);
        try {
            while (!pending.isDone()) {
                if (lane.turn.tryLock()) {
                    Runnable send = null;
                    try {
                        if (!pending.isDone()) {
                            send = lane.takeTurn(portal);
                        }
                    } finally {
                        lane.turn.unlock();
                    }
                    if (send != null) {
                        send.run(); // outside the turn: the next batch fills and waits for the limiter meanwhile
                        continue;
                    }
                }
                pending.await(POLL); // ours is in flight, or someone else holds the turn
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lane.waiting.remove(pending);
            throw new Bitrix24Failure.Transient("batch", 0, "", "interrupted while waiting for the portal's batch", null);
        }
        return pending.outcome();
    }

    /** Chains waiting for a batch of the portal behind this webhook. */
    public int waiting(String webhookUrl) {
        Lane lane = lanes.get(webhookUrl);
        return lane == null ? 0 : lane.waiting.size();
    }

    /** Batches sent so far, for the console and the benchmark. */
    public long batchesSent() {
        return lanes.values().stream().mapToLong(l -> l.batches.get()).sum();
    }

    /** Commands sent so far in batches. */
    public long commandsSent() {
        return lanes.values().stream().mapToLong(l -> l.commands.get()).sum();
    }

    /**
     * A failed sub-call as a failure: rate and operating-time limits and server errors are
     * transient; everything else (a bad field, "Access denied.", "Not found") is permanent.
     */
    public static Bitrix24Failure failure(String method, Bitrix24Batch.Error error) {
        String code = error.error() == null ? "" : error.error().toLowerCase(Locale.ROOT);
        if (TRANSIENT_CODES.contains(code)) {
            return new Bitrix24Failure.Transient(method, 200, error.error(), error.description(), null);
        }
        return new Bitrix24Failure.Permanent(method, 200, error.error(), error.description());
    }

    private final class Lane {
        final ReentrantLock turn = new ReentrantLock();
        final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong commands = new java.util.concurrent.atomic.AtomicLong();

        /**
         * Called holding the turn: waits for the limiter, then takes what is waiting by then. The
         * returned send runs after the turn is given up, so a slow portal answer does not hold up the
         * next batch; null when nothing was waiting.
         */
        Runnable takeTurn(Portal portal) throws InterruptedException {
            if (waiting.isEmpty()) {
                return null; // our own chain is in flight: take no place in the bucket for nothing
            }
            Duration wait = limiter.reserve(portal.key(), "batch", portal.plan());
            if (!wait.isZero() && !wait.isNegative()) {
                sleeper.sleep(wait); // chains arriving meanwhile join this batch: that is the point
            }
            List<Pending> taken = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            Bitrix24Batch batch = Bitrix24Batch.independent();
            for (Pending p : waiting) {
                if (batch.size() + p.chain.size() > Bitrix24Batch.MAX_COMMANDS) {
                    continue;
                }
                if (p.chain.stream().anyMatch(c -> keys.contains(c.key()))) {
                    continue; // the same key twice would break the whole batch: it goes in the next one
                }
                if (!waiting.remove(p)) {
                    continue;
                }
                for (Command c : p.chain) {
                    batch.add(c.key(), c.method(), c.params());
                    keys.add(c.key());
                }
                taken.add(p);
                if (batch.size() == Bitrix24Batch.MAX_COMMANDS) {
                    break;
                }
            }
            if (taken.isEmpty()) {
                return null;
            }
            return () -> send(portal, batch, taken);
        }

        private void send(Portal portal, Bitrix24Batch batch, List<Pending> taken) {
            Bitrix24Batch.Result result;
            try {
                result = Bitrix24Batch.read(sender.send(portal, batch));
            } catch (Bitrix24Failure.Transient refused) {
                // the portal refused the whole request for its rate (503 QUERY_LIMIT_EXCEEDED): nothing ran, so the
                // chains wait for the next batch, behind a limiter the failure has already slowed down
                for (Pending p : taken) {
                    if (refused.throttled() && !refused.methodExhausted() && p.refusals++ < MAX_REFUSALS) {
                        waiting.add(p);
                    } else {
                        p.fail(refused);
                    }
                }
                return;
            } catch (RuntimeException failure) {
                taken.forEach(p -> p.fail(failure));
                return;
            } finally {
                batches.incrementAndGet();
                commands.addAndGet(batch.size());
            }
            for (Pending p : taken) {
                Map<String, JsonNode> results = new LinkedHashMap<>();
                Map<String, Bitrix24Batch.Error> errors = new LinkedHashMap<>();
                for (Command c : p.chain) {
                    if (result.results().containsKey(c.key())) {
                        results.put(c.key(), result.results().get(c.key()));
                    }
                    if (result.errors().containsKey(c.key())) {
                        errors.put(c.key(), result.errors().get(c.key()));
                    }
                }
                p.complete(new Outcome(results, errors));
            }
        }
    }

    private static final class Pending {
        final List<Command> chain;
        int refusals;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Outcome outcome;
        private volatile RuntimeException failure;

        Pending(List<Command> chain) {
            this.chain = chain;
        }

        boolean isDone() {
            return done.getCount() == 0;
        }

        void await(Duration atMost) throws InterruptedException {
            done.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        }

        void complete(Outcome o) {
            outcome = o;
            done.countDown();
        }

        void fail(RuntimeException f) {
            failure = f;
            done.countDown();
        }

        Outcome outcome() {
            if (failure != null) {
                throw failure;
            }
            return outcome;
        }
    }
}
