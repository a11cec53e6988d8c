package io.lintas.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who is responsible for a lead's record or task: always the same user, or the next of a list in
 * turn. User ids are the target system's (a Bitrix24 user id, a Jira accountId).
 */
public sealed interface AssignmentRule {

    /**
     * The responsible user for {@code subject} (a lead id).
     *
     * @param pool      names the rotation, e.g. "acme:dispatchers"
     * @param positions where each rotation stands
     */
    String responsibleFor(String subject, String pool, RoundRobinPositions positions);

    /** Always the same user. */
    record Fixed(String user) implements AssignmentRule {
        public Fixed {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("a fixed assignment needs a user");
            }
        }

        @Override
        public String responsibleFor(String subject, String pool, RoundRobinPositions positions) {
            return user;
        }
    }

    /** Each new subject goes to the next user of the list, in turn. */
    record RoundRobin(List<String> users) implements AssignmentRule {
        public RoundRobin {
            if (users == null || users.isEmpty() || users.stream().anyMatch(u -> u == null || u.isBlank())) {
                throw new IllegalArgumentException("a round-robin assignment needs at least one user, none blank");
            }
            users = List.copyOf(users);
        }

        @Override
        public String responsibleFor(String subject, String pool, RoundRobinPositions positions) {
            return users.get((int) Math.floorMod(positions.positionOf(pool, subject), (long) users.size()));
        }
    }

    /** The YAML shape: exactly one of {@code fixed: <user>} or {@code round-robin: [<user>, ...]}. */
    final class Model {
        public String fixed;
        @JsonProperty("round-robin")
        public List<String> roundRobin;
    }

    /** Checks one rule; problems are added with the {@code where} prefix. Null model → null rule. */
    static AssignmentRule check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        String fixed = resolve.apply(model.fixed);
        boolean hasFixed = fixed != null && !fixed.isBlank();
        if (hasFixed == (model.roundRobin != null)) {
            problems.add(where + ": give exactly one of 'fixed: <user id>' or 'round-robin: [<user id>, ...]'");
            return null;
        }
        if (hasFixed) {
            return new Fixed(fixed.strip());
        }
        List<String> users = new ArrayList<>();
        for (String u : model.roundRobin) {
            String user = resolve.apply(u);
            if (user == null || user.isBlank()) {
                problems.add(where + ": round-robin has a blank user id");
                return null;
            }
            users.add(user.strip());
        }
        if (users.isEmpty()) {
            problems.add(where + ": round-robin needs at least one user id");
            return null;
        }
        if (new LinkedHashSet<>(users).size() != users.size()) {
            problems.add(where + ": round-robin lists a user twice: " + users);
            return null;
        }
        return new RoundRobin(users);
    }
}
