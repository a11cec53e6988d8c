package io.lintas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AssignmentRuleTest {

    private final RoundRobinPositions positions = new InMemoryRoundRobinPositions();

    @Test
    void aFixedUserGetsEverything() {
        AssignmentRule rule = new AssignmentRule.Fixed("5b10ac8d82e05b22cc7d4ef5");

        assertThat(List.of("L1", "L2", "L3")).allSatisfy(lead ->
                assertThat(rule.responsibleFor(lead, "acme:dispatchers", positions)).isEqualTo("5b10ac8d82e05b22cc7d4ef5"));
    }

    @Test
    void roundRobinTakesTurns() {
        AssignmentRule rule = new AssignmentRule.RoundRobin(List.of("12", "15", "18"));

        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            users.add(rule.responsibleFor("L" + i, "acme:managers", positions));
        }

        assertThat(users).containsExactly("12", "15", "18", "12", "15", "18", "12");
    }

    @Test
    void aRetriedLeadKeepsItsUser() {
        AssignmentRule rule = new AssignmentRule.RoundRobin(List.of("12", "15", "18"));

        String first = rule.responsibleFor("L1", "acme:managers", positions);
        String second = rule.responsibleFor("L2", "acme:managers", positions);
        String retried = rule.responsibleFor("L1", "acme:managers", positions);
        String third = rule.responsibleFor("L3", "acme:managers", positions);

        assertThat(retried).isEqualTo(first);
        assertThat(List.of(first, second, third)).containsExactly("12", "15", "18");
    }

    @Test
    void poolsTurnIndependently() {
        AssignmentRule rule = new AssignmentRule.RoundRobin(List.of("a", "b"));

        assertThat(rule.responsibleFor("L1", "acme:managers", positions)).isEqualTo("a");
        assertThat(rule.responsibleFor("L1", "rusco:managers", positions)).isEqualTo("a");
        assertThat(rule.responsibleFor("L2", "acme:managers", positions)).isEqualTo("b");
    }

    @Test
    void concurrentLeadsGetDistinctPositionsAndAnEvenShare() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        // remembers them all: a thread descheduled between its two calls must not see its lead forgotten
        RoundRobinPositions positions = new InMemoryRoundRobinPositions(threads * perThread);
        AssignmentRule rule = new AssignmentRule.RoundRobin(List.of("u1", "u2", "u3", "u4"));
        Map<Long, String> byPosition = new ConcurrentHashMap<>();
        Map<String, Integer> share = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String lead = "L" + thread + "-" + i;
                        long position = positions.positionOf("acme:dispatchers", lead);
                        byPosition.merge(position, lead, (a, b) -> a + "," + b);
                        share.merge(rule.responsibleFor(lead, "acme:dispatchers", positions), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> expected = LongStream.range(0, threads * perThread).boxed().collect(Collectors.toSet());
        assertThat(byPosition.keySet()).isEqualTo(expected);
        assertThat(byPosition.values()).noneMatch(leads -> leads.contains(","));
        assertThat(share).containsOnlyKeys("u1", "u2", "u3", "u4").allSatisfy((user, count) -> assertThat(count).isEqualTo(4_000));
    }

    @Test
    void concurrentRetriesOfOneLeadAgree() throws Exception {
        AssignmentRule rule = new AssignmentRule.RoundRobin(List.of("u1", "u2", "u3"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                String lead = "L" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return rule.responsibleFor(lead, "acme:dispatchers", positions);
                    }));
                }
                start.countDown();
                Set<String> users = new java.util.HashSet<>();
                for (Future<String> a : answers) {
                    users.add(a.get());
                }
                assertThat(users).as(lead).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(positions.positionOf("acme:dispatchers", "next")).isEqualTo(200);
    }

    @Test
    void onlyTheLastSubjectsAreRemembered() {
        RoundRobinPositions small = new InMemoryRoundRobinPositions(2);

        assertThat(small.positionOf("p", "A")).isZero();
        assertThat(small.positionOf("p", "B")).isEqualTo(1);
        assertThat(small.positionOf("p", "C")).isEqualTo(2);
        assertThat(small.positionOf("p", "C")).isEqualTo(2);
        assertThat(small.positionOf("p", "A")).as("forgotten: a new turn").isEqualTo(3);
    }

    @Test
    void rulesFromYaml() throws Exception {
        List<String> problems = new ArrayList<>();
        RoutingRules rules = RoutingRules.check(SlaPolicyTest.YAML.readValue("""
                managers:
                  round-robin: [12, 15, 18]
                dispatchers:
                  fixed: 5b10ac8d82e05b22cc7d4ef5
                """, RoutingRules.Model.class), "tenant 'acme'", UnaryOperator.identity(), problems);

        assertThat(problems).isEmpty();
        assertThat(rules.managers()).isEqualTo(new AssignmentRule.RoundRobin(List.of("12", "15", "18")));
        assertThat(rules.dispatchers()).isEqualTo(new AssignmentRule.Fixed("5b10ac8d82e05b22cc7d4ef5"));
        assertThat(rules.managerFor("acme", "L1", positions)).isEqualTo("12");
        assertThat(rules.managerFor("acme", "L2", positions)).isEqualTo("15");
        assertThat(rules.dispatcherFor("acme", "L1", positions)).isEqualTo("5b10ac8d82e05b22cc7d4ef5");
    }

    @Test
    void noRulesMeanTheTargetSystemsDefault() {
        RoutingRules rules = RoutingRules.check(null, "tenant 'acme'", UnaryOperator.identity(), new ArrayList<>());

        assertThat(rules.managerFor("acme", "L1", positions)).isNull();
        assertThat(rules.dispatcherFor("acme", "L1", positions)).isNull();
    }

    @Test
    void badRulesAreReported() throws Exception {
        List<String> problems = new ArrayList<>();
        RoutingRules rules = RoutingRules.check(SlaPolicyTest.YAML.readValue("""
                managers:
                  fixed: "7"
                  round-robin: ["8"]
                dispatchers:
                  round-robin: ["a", "b", "a"]
                """, RoutingRules.Model.class), "tenant 'acme'", UnaryOperator.identity(), problems);

        assertThat(rules).isNull();
        assertThat(problems).containsExactly(
                "tenant 'acme', routing.managers: give exactly one of 'fixed: <user id>' or 'round-robin: [<user id>, ...]'",
                "tenant 'acme', routing.dispatchers: round-robin lists a user twice: [a, b, a]");
        problems.clear();
        RoutingRules.check(SlaPolicyTest.YAML.readValue("dispatchers: {round-robin: []}\n", RoutingRules.Model.class),
                "tenant 'acme'", UnaryOperator.identity(), problems);
        assertThat(problems).containsExactly("tenant 'acme', routing.dispatchers: round-robin needs at least one user id");
    }

    @Test
    void aNewUserListKeepsTurning() {
        Map<String, Integer> counts = new HashMap<>();
        AssignmentRule three = new AssignmentRule.RoundRobin(List.of("a", "b", "c"));
        three.responsibleFor("L1", "p", positions);
        AssignmentRule two = new AssignmentRule.RoundRobin(List.of("a", "b"));
        for (int i = 2; i <= 5; i++) {
            counts.merge(two.responsibleFor("L" + i, "p", positions), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("a", 2).containsEntry("b", 2);
    }
}
