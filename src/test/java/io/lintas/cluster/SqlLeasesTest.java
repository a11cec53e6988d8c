package io.lintas.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Leases on H2 and on PostgreSQL: one holder at a time, taken over when expired or released. */
class SqlLeasesTest {

    static final Duration TTL = Duration.ofSeconds(15);
    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void oneHolderAtATimeUntilTheLeaseExpires(String kind) {
        SqlLeases leases = new SqlLeases(SharedDatabases.fresh(kind));

        assertThat(leases.tryAcquire("route:billing-due", "a", T0, TTL)).isTrue();
        assertThat(leases.tryAcquire("route:billing-due", "b", T0.plusSeconds(1), TTL)).as("held by a").isFalse();
        assertThat(leases.tryAcquire("route:billing-due", "a", T0.plusSeconds(10), TTL)).as("a renews").isTrue();
        assertThat(leases.tryAcquire("route:billing-due", "b", T0.plusSeconds(20), TTL)).as("renewed until 25s").isFalse();
        assertThat(leases.holder("route:billing-due", T0.plusSeconds(20))).isEqualTo("a");
        assertThat(leases.tryAcquire("route:billing-due", "b", T0.plusSeconds(25), TTL)).as("expired: b takes over").isTrue();
        assertThat(leases.renewAll("a", T0.plusSeconds(26), TTL)).as("a learns it lost it").isEmpty();
        assertThat(leases.holder("route:billing-due", T0.plusSeconds(26))).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void aReleasedLeaseIsFreeAtOnce(String kind) {
        SqlLeases leases = new SqlLeases(SharedDatabases.fresh(kind));
        leases.tryAcquire("mailbox:x", "a", T0, TTL);
        leases.tryAcquire("mailbox:y", "a", T0, TTL);
        assertThat(leases.free(List.of("mailbox:x", "mailbox:y", "mailbox:z"), T0)).containsExactly("mailbox:z");

        leases.releaseAll("a");

        assertThat(leases.free(List.of("mailbox:x", "mailbox:y"), T0)).containsExactlyInAnyOrder("mailbox:x", "mailbox:y");
        assertThat(leases.tryAcquire("mailbox:x", "b", T0.plusMillis(1), TTL)).isTrue();
        leases.release("mailbox:x", "a");
        assertThat(leases.holder("mailbox:x", T0.plusMillis(2))).as("a cannot release b's lease").isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void keepersShareTheWorkAndTakeOverWhenOneStops(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(T0);
        List<String> events = new CopyOnWriteArrayList<>();
        LeaseKeeper a = keeper(db, "a", clock, events);
        LeaseKeeper b = keeper(db, "b", clock, events);

        a.tick();
        b.tick();
        await(() -> events.size() == 2);
        assertThat(events).containsExactlyInAnyOrder("a+route:billing-due", "a+mailbox:acme.sales");
        assertThat(b.held()).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        a.tick();
        b.tick();
        assertThat(b.held()).as("a renewed in time").isEmpty();

        a.close(); // an orderly stop releases at once
        await(() -> events.size() == 4);
        b.tick();
        await(() -> events.size() == 6);
        assertThat(events.subList(2, 6)).containsExactlyInAnyOrder("a-route:billing-due", "a-mailbox:acme.sales",
                "b+route:billing-due", "b+mailbox:acme.sales");
        b.close();
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void aHolderThatStopsRenewingLosesItsLeaseToAnother(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(T0);
        List<String> events = new CopyOnWriteArrayList<>();
        LeaseKeeper a = keeper(db, "a", clock, events);
        LeaseKeeper b = keeper(db, "b", clock, events);
        a.tick();
        await(() -> events.size() == 2);

        clock.advance(TTL); // a hangs (no tick) past its lease
        b.tick();
        await(() -> events.size() == 4);
        a.tick(); // a wakes up and learns it lost them

        await(() -> events.size() == 6);
        assertThat(events.subList(4, 6)).containsExactlyInAnyOrder("a-route:billing-due", "a-mailbox:acme.sales");
        assertThat(a.held()).isEmpty();
        assertThat(b.held()).containsExactlyInAnyOrder("route:billing-due", "mailbox:acme.sales");
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void aLeaseNoLongerWantedIsReleased(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(T0);
        List<String> events = new CopyOnWriteArrayList<>();
        LeaseKeeper a = keeper(db, "a", clock, events);
        a.tick();
        await(() -> events.size() == 2);

        a.unwant("mailbox:acme.sales");

        await(() -> events.size() == 3);
        assertThat(events.get(2)).isEqualTo("a-mailbox:acme.sales");
        assertThat(new SqlLeases(db).holder("mailbox:acme.sales", clock.instant())).isNull();
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void aFreeLeaseCanBeTakenAtOnceWithoutWaitingForATick(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(T0);
        List<String> events = new CopyOnWriteArrayList<>();
        LeaseKeeper a = keeper(db, "a", clock, events);
        LeaseKeeper b = keeper(db, "b", clock, events);

        assertThat(a.acquireNow("mailbox:acme.sales")).isTrue();
        assertThat(b.acquireNow("mailbox:acme.sales")).as("held by a").isFalse();
        assertThat(a.acquireNow("mailbox:unknown")).as("not wanted").isFalse();
        a.tick();

        await(() -> events.size() == 1);
        assertThat(events).as("the caller acted on acquireNow; the listener hears the rest").containsExactly("a+route:billing-due");
        assertThat(a.holds("mailbox:acme.sales")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void manyMailboxesAreSharedOutAmongTheLiveInstances(String kind) {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        TestClock clock = new TestClock(T0);
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> mailboxes = List.of("mailbox:m1", "mailbox:m2", "mailbox:m3", "mailbox:m4", "mailbox:m5");
        LeaseKeeper a = balancedKeeper(db, "a", clock, events, mailboxes);
        LeaseKeeper b = balancedKeeper(db, "b", clock, events, mailboxes);

        a.tick();
        assertThat(a.held()).as("alone: all of them").hasSize(5);
        b.tick();
        assertThat(b.instances()).isEqualTo(2);
        assertThat(b.held()).as("nothing free yet").isEmpty();
        a.tick(); // a sees b: keeps its share (3), stops two, then releases them
        await(() -> new SqlLeases(db).free(mailboxes, clock.instant()).size() == 2);
        b.tick();
        await(() -> events.stream().filter(e -> e.startsWith("b+")).count() == 2);   // listeners hear on their own thread

        assertThat(a.held()).hasSize(3);
        assertThat(b.held()).hasSize(2);
        assertThat(events).filteredOn(e -> e.startsWith("a-")).hasSize(2);
        assertThat(events.indexOf(events.stream().filter(e -> e.startsWith("b+")).findFirst().orElseThrow()))
                .as("b starts a mailbox only after a stopped it").isGreaterThan(events.indexOf(
                        events.stream().filter(e -> e.startsWith("a-")).findFirst().orElseThrow()));
        a.tick();
        b.tick();
        assertThat(a.held()).as("stable").hasSize(3);

        a.close();
        b.tick();
        assertThat(b.instances()).isEqualTo(1);
        assertThat(b.held()).as("the survivor takes them all").hasSize(5);
        b.close();
    }

    static LeaseKeeper balancedKeeper(JdbcTemplate db, String id, TestClock clock, List<String> events, List<String> leases) {
        LeaseKeeper keeper = new LeaseKeeper(new SqlLeases(db), id, TTL, clock);
        for (String lease : leases) {
            keeper.wantBalanced(lease, new LeaseKeeper.Listener() {
                @Override
                public void acquired(String l) {
                    events.add(id + "+" + l);
                }

                @Override
                public void lost(String l) {
                    events.add(id + "-" + l);
                }
            });
        }
        return keeper;
    }

    static LeaseKeeper keeper(JdbcTemplate db, String id, TestClock clock, List<String> events) {
        LeaseKeeper keeper = new LeaseKeeper(new SqlLeases(db), id, TTL, clock);
        for (String lease : List.of("route:billing-due", "mailbox:acme.sales")) {
            keeper.want(lease, new LeaseKeeper.Listener() {
                @Override
                public void acquired(String l) {
                    events.add(id + "+" + l);
                }

                @Override
                public void lost(String l) {
                    events.add(id + "-" + l);
                }
            });
        }
        return keeper;
    }

    /** Listeners run on the keeper's own thread: poll for their effect. */
    static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(condition);
    }
}
