package io.lintas.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tenant's lead API ({@code POST /api/leads}) and Kafka intake settings.
 *
 * @param keys  API keys that open {@code POST /api/leads} for this tenant (several, so a key can be
 *              rotated: add the new one, move the callers, remove the old one); empty: no HTTP API
 * @param kafka whether records for this tenant are taken from the Kafka topic
 */
public record ApiConfig(List<String> keys, boolean kafka) {

    /** Keys shorter than this are guessable; refused at start-up. */
    static final int MIN_KEY_LENGTH = 16;

    public ApiConfig {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** True when the lead API is open for this tenant (at least one key). */
    public boolean takesHttp() {
        return !keys.isEmpty();
    }

    /** True when {@code given} is one of the keys; every key is compared, in constant time. */
    public boolean acceptsKey(String given) {
        boolean matched = false;
        for (String key : keys) {
            matched |= Secrets.matches(key, given);
        }
        return matched;
    }

    /** Secrets never appear in logs. */
    @Override
    public String toString() {
        return "ApiConfig[keys=" + keys.stream().map(Secrets::mask).toList() + ", kafka=" + kafka + "]";
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        public List<String> keys;
        public Boolean kafka;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static ApiConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        int before = problems.size();
        List<String> keys = new ArrayList<>();
        if (model.keys != null) {
            for (int i = 0; i < model.keys.size(); i++) {
                String key = resolve.apply(model.keys.get(i));
                if (key == null) {
                    continue; // an unresolved placeholder, already reported
                }
                key = key.strip();
                if (key.isEmpty()) {
                    continue; // an optional key left empty, e.g. ${ACME_API_KEY_NEXT:} while rotating
                }
                if (key.length() < MIN_KEY_LENGTH) {
                    problems.add(where + ", api: key #" + (i + 1) + " must be at least " + MIN_KEY_LENGTH
                            + " characters (got " + key.length() + ")");
                } else if (keys.contains(key)) {
                    problems.add(where + ", api: key #" + (i + 1) + " is listed twice");
                } else {
                    keys.add(key);
                }
            }
        }
        boolean kafka = Boolean.TRUE.equals(model.kafka);
        if (model.keys == null && !kafka) {
            problems.add(where + ", api: give keys (for POST /api/leads) or kafka: true, or leave the section out");
        }
        return problems.size() > before ? null : new ApiConfig(keys, kafka);
    }
}
