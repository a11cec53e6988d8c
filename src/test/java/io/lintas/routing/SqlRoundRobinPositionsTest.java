package io.lintas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.cluster.SharedDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** One rotation shared by two instances: concurrent leads never share a position, a retry keeps its own. */
class SqlRoundRobinPositionsTest {

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void twoInstancesHandOutOneRotation(String kind) throws Exception {
        JdbcTemplate db = SharedDatabases.fresh(kind);
        RoundRobinPositions a = new SqlRoundRobinPositions(new JdbcTemplate(db.getDataSource()));
        RoundRobinPositions b = new SqlRoundRobinPositions(new JdbcTemplate(db.getDataSource()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RoundRobinPositions instance = i % 2 == 0 ? a : b;
            String lead = "lead-" + i;
            futures.add(pool.submit(() -> instance.positionOf("acme:managers", lead)));
        }
        List<Long> positions = new ArrayList<>();
        for (Future<Long> f : futures) {
            positions.add(f.get());
        }
        pool.shutdown();

        assertThat(positions).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(0, 40).boxed().toList());
        assertThat(b.positionOf("acme:managers", "lead-0")).as("a retry on the other instance").isEqualTo(positions.get(0));
        assertThat(a.positionOf("acme:managers", "lead-1")).isEqualTo(positions.get(1));
        assertThat(a.positionOf("rusco:managers", "lead-0")).as("pools are separate").isZero();
        assertThat(b.positionOf("acme:managers", null)).isEqualTo(40);
    }

    @ParameterizedTest
    @MethodSource("io.lintas.cluster.SharedDatabases#kinds")
    void oldSubjectsAreForgotten(String kind) {
        SqlRoundRobinPositions positions = new SqlRoundRobinPositions(SharedDatabases.fresh(kind), 10);
        for (int i = 0; i <= 30; i++) {
            positions.positionOf("p", "s" + i);
        }
        assertThat(positions.positionOf("p", "s25")).isEqualTo(25);
        assertThat(positions.positionOf("p", "s0")).as("forgotten: a new position").isEqualTo(31);
    }
}
