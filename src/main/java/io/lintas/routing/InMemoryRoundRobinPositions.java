package io.lintas.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Round-robin positions for one instance: a counter per pool, and the last {@code remembered}
 * subjects of each pool with the position they got (enough for retries, which come soon).
 */
public final class InMemoryRoundRobinPositions implements RoundRobinPositions {

    private final int remembered;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    public InMemoryRoundRobinPositions(int remembered) {
        if (remembered < 1) {
            throw new IllegalArgumentException("remember at least one subject per pool");
        }
        this.remembered = remembered;
    }

    public InMemoryRoundRobinPositions() {
        this(10_000);
    }

    @Override
    public long positionOf(String pool, String subject) {
        return pools.computeIfAbsent(pool, p -> new Pool(remembered)).positionOf(subject);
    }

    private static final class Pool {
        private final Map<String, Long> given;
        private long next;

        Pool(int remembered) {
            this.given = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > remembered;
                }
            };
        }

        synchronized long positionOf(String subject) {
            if (subject == null) {
                return next++;
            }
            return given.computeIfAbsent(subject, s -> next++);
        }
    }
}
