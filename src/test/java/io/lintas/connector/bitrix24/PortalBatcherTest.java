package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.connector.bitrix24.PortalBatcher.Command;
import io.lintas.connector.bitrix24.PortalBatcher.Outcome;
import io.lintas.connector.bitrix24.PortalBatcher.Portal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: concurrent callers of one portal share batch calls; each gets its own results. */
class PortalBatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Portal PORTAL = new Portal("acme.bitrix24.com", "https://acme.bitrix24.com/rest/1/code", RatePlan.STANDARD);

    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final List<Bitrix24Batch> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Answers every sub-call with "r-<key>", except keys ending in _bad, which fail as the portal says. */
    private JsonNode answer(Portal portal, Bitrix24Batch batch) {
        sent.add(batch);
        ObjectNode result = JSON.createObjectNode();
        ObjectNode results = result.putObject("result");
        ObjectNode errors = result.putObject("result_error");
        @SuppressWarnings("unchecked")
        Map<String, String> cmd = (Map<String, String>) batch.params().get("cmd");
        assertThat(batch.params().get("halt")).isEqualTo(0);
        cmd.keySet().forEach(key -> {
            if (key.endsWith("_bad")) {
                errors.putObject(key).put("error", "").put("error_description", "Access denied.");
            } else {
                results.put(key, "r-" + key);
            }
        });
        return result;
    }

    /** A limiter whose every place waits; the "wait" ends when the condition holds, so chains pile up meanwhile. */
    private PortalBatcher batcherWaitingUntil(BooleanSupplier ready) {
        PortalRateLimiter limiter = new PortalRateLimiter() {
            @Override
            public Duration reserve(String portal, String method, RatePlan plan) {
                return Duration.ofMillis(500);
            }

            @Override
            public void throttled(String portal, RatePlan plan, Duration pause) {
            }

            @Override
            public void methodExhausted(String portal, String method, Duration pause) {
            }
        };
        return new PortalBatcher(limiter, this::answer, d -> await().atMost(Duration.ofSeconds(10)).until(ready::getAsBoolean));
    }

    private static List<Command> chain(String caller, int size) {
        List<Command> chain = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            chain.add(new Command(caller + "_" + i, "crm.duplicate.findbycomm", Map.of("type", "PHONE")));
        }
        return chain;
    }

    @Test
    void tenCallersOfFiveCommandsShareOneBatchOfFiftyAndEachGetsItsOwnResults() throws Exception {
        PortalBatcher[] batcher = new PortalBatcher[1];
        batcher[0] = batcherWaitingUntil(() -> batcher[0].waiting(PORTAL.webhookUrl()) == 10);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String caller = "lead" + c;
            outcomes.add(pool.submit(() -> batcher[0].submit(PORTAL, chain(caller, 5))));
        }
        for (int c = 0; c < 10; c++) {
            Outcome outcome = outcomes.get(c).get();
            assertThat(outcome.results()).hasSize(5).containsOnlyKeys("lead" + c + "_0", "lead" + c + "_1",
                    "lead" + c + "_2", "lead" + c + "_3", "lead" + c + "_4");
            assertThat(outcome.result("lead" + c + "_3").asText()).isEqualTo("r-lead" + c + "_3");
        }
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).size()).isEqualTo(50);
        assertThat(batcher[0].commandsSent()).isEqualTo(50);
    }

    @Test
    void aChainIsNeverSplitAcrossBatches() throws Exception {
        PortalBatcher[] batcher = new PortalBatcher[1];
        // 7 chains of 8 = 56 commands: the first batch takes 6 chains (48), the 7th waits for the next
        batcher[0] = batcherWaitingUntil(() -> sent.size() > 0 || batcher[0].waiting(PORTAL.webhookUrl()) == 7);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            String caller = "lead" + c;
            outcomes.add(pool.submit(() -> batcher[0].submit(PORTAL, chain(caller, 8))));
        }
        for (Future<Outcome> f : outcomes) {
            assertThat(f.get().results()).hasSize(8);
        }
        assertThat(sent).extracting(Bitrix24Batch::size).containsExactly(48, 8);
    }

    @Test
    void aSubCallErrorReachesOnlyItsCallerAndIsClassified() throws Exception {
        PortalBatcher[] batcher = new PortalBatcher[1];
        batcher[0] = batcherWaitingUntil(() -> batcher[0].waiting(PORTAL.webhookUrl()) == 2);
        Future<Outcome> good = pool.submit(() -> batcher[0].submit(PORTAL, chain("good", 2)));
        Future<Outcome> bad = pool.submit(() -> batcher[0].submit(PORTAL,
                List.of(new Command("other_bad", "crm.lead.add", Map.of("fields", Map.of("TITLE", "x"))))));
        assertThat(good.get().errors()).isEmpty();
        Bitrix24Batch.Error error = bad.get().error("other_bad");
        assertThat(error.description()).isEqualTo("Access denied.");
        assertThat(PortalBatcher.failure("crm.lead.add", error)).isInstanceOf(Bitrix24Failure.Permanent.class)
                .hasMessageContaining("Access denied.");
        assertThat(PortalBatcher.failure("crm.lead.add", new Bitrix24Batch.Error("QUERY_LIMIT_EXCEEDED", "Too many requests")))
                .isInstanceOf(Bitrix24Failure.Transient.class);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aBatchRefusedForTheRateIsSentAgainBehindTheSlowedLimiterAndGivesUpAfterFiveRefusals() {
        int[] calls = {0};
        PortalBatcher batcher = new PortalBatcher(new LeakyBucketRateLimiter(java.time.Clock.systemUTC()), (portal, batch) -> {
            if (calls[0]++ < 3) {
                throw new Bitrix24Failure.Transient("batch", 503, "QUERY_LIMIT_EXCEEDED", "Too many requests", Duration.ofSeconds(1));
            }
            return answer(portal, batch);
        }, d -> { });
        assertThat(batcher.submit(PORTAL, chain("first", 3)).results()).hasSize(3);
        assertThat(calls[0]).isEqualTo(4);

        calls[0] = -100;
        assertThatThrownBy(() -> batcher.submit(PORTAL, chain("second", 3))).isInstanceOf(Bitrix24Failure.Transient.class)
                .hasMessageContaining("QUERY_LIMIT_EXCEEDED");
        assertThat(calls[0]).isEqualTo(-100 + 1 + PortalBatcher.MAX_REFUSALS);
    }

    @Test
    void aBatchWithoutAnAnswerFailsEveryChainInIt() {
        PortalBatcher batcher = new PortalBatcher(new LeakyBucketRateLimiter(java.time.Clock.systemUTC()), (portal, batch) -> {
            throw new Bitrix24Failure.Transient("batch", 0, "", "no answer: SocketTimeoutException", null);
        }, d -> { });
        assertThatThrownBy(() -> batcher.submit(PORTAL, chain("first", 3))).isInstanceOf(Bitrix24Failure.Transient.class)
                .hasMessageContaining("no answer");
    }

    @Test
    void aSlowAnswerDoesNotHoldUpTheNextBatch() throws Exception {
        java.util.concurrent.CountDownLatch secondSent = new java.util.concurrent.CountDownLatch(1);
        PortalBatcher batcher = new PortalBatcher(new LeakyBucketRateLimiter(java.time.Clock.systemUTC()), (portal, batch) -> {
            JsonNode answer = answer(portal, batch);
            if (sent.size() == 1) {
                try {
                    // the first answer is slow: it comes only after the second batch went out
                    assertThat(secondSent.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                secondSent.countDown();
            }
            return answer;
        }, d -> { });
        Future<Outcome> first = pool.submit(() -> batcher.submit(PORTAL, chain("first", 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
        Future<Outcome> second = pool.submit(() -> batcher.submit(PORTAL, chain("second", 2)));

        assertThat(second.get().results()).hasSize(2);
        assertThat(first.get().results()).hasSize(2);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aChainLongerThanABatchIsRefused() {
        PortalBatcher batcher = new PortalBatcher(new LeakyBucketRateLimiter(java.time.Clock.systemUTC()), this::answer, d -> { });
        assertThatThrownBy(() -> batcher.submit(PORTAL, chain("big", 51))).isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }
}
