package io.lintas.routing;

/**
 * Where each round-robin pool stands. One position is given out per subject (a lead id), so a
 * retried delivery of the same lead gets the same responsible user, and concurrent leads never get
 * the same position. The in-memory implementation serves one instance; several instances sharing a
 * rotation need one backed by the shared database.
 */
public interface RoundRobinPositions {

    /**
     * The position of {@code subject} in {@code pool}'s rotation: 0, 1, 2, ... in the order subjects
     * are first seen; asking again for a subject already seen gives its position again.
     */
    long positionOf(String pool, String subject);
}
