package io.lintas.connector.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code batch} call (contract A4): up to 50 sub-calls keyed by free-form ids, each
 * {@code method?query}, where a later one may use an earlier result through
 * {@code $result[cmdKey][field]…}. With {@code halt} the portal stops at the first failing sub-call.
 * The whole batch answers HTTP 200: read it with {@link #read(JsonNode)} and look at the errors.
 */
public final class Bitrix24Batch {

    public static final int MAX_COMMANDS = 50;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,50}");

    private final boolean halt;
    private final Map<String, String> commands = new LinkedHashMap<>();

    private Bitrix24Batch(boolean halt) {
        this.halt = halt;
    }

    /** Stops at the first failing sub-call: for chains where later calls need earlier results. */
    public static Bitrix24Batch halting() {
        return new Bitrix24Batch(true);
    }

    /** Runs every sub-call whatever fails. */
    public static Bitrix24Batch independent() {
        return new Bitrix24Batch(false);
    }

    /**
     * Adds a sub-call.
     *
     * @throws IllegalArgumentException for a 51st call, a nested batch, a reused or malformed key
     */
    public Bitrix24Batch add(String key, String method, Map<String, ?> params) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("batch key must be 1-50 letters, digits or _ (got " + key + ")");
        }
        if (commands.containsKey(key)) {
            throw new IllegalArgumentException("batch key '" + key + "' used twice");
        }
        if ("batch".equalsIgnoreCase(method)) {
            throw new IllegalArgumentException("batch calls cannot be nested (ERROR_BATCH_METHOD_NOT_ALLOWED)");
        }
        if (commands.size() == MAX_COMMANDS) {
            throw new IllegalArgumentException("a batch holds at most " + MAX_COMMANDS + " calls (ERROR_BATCH_LENGTH_EXCEEDED)");
        }
        String query = params == null || params.isEmpty() ? "" : Bitrix24Requests.query(params);
        commands.put(key, query.isEmpty() ? method : method + "?" + query);
        return this;
    }

    /** A reference to an earlier sub-call's result: {@code ref("find", "CONTACT", "0")} → {@code $result[find][CONTACT][0]}. */
    public static ResultRef ref(String key, String... path) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("batch key must be 1-50 letters, digits or _ (got " + key + ")");
        }
        StringBuilder s = new StringBuilder("$result[").append(key).append(']');
        for (String p : path) {
            if (p.contains("[") || p.contains("]") || p.contains("&") || p.contains("=")) {
                throw new IllegalArgumentException("result path element must not contain [ ] & = (got " + p + ")");
            }
            s.append('[').append(p).append(']');
        }
        return new ResultRef(s.toString());
    }

    /** The method's parameters: {@code {"halt":1,"cmd":{"key":"method?query",…}}}. */
    public Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("halt", halt ? 1 : 0);
        params.put("cmd", Collections.unmodifiableMap(new LinkedHashMap<>(commands)));
        return params;
    }

    public int size() {
        return commands.size();
    }

    /**
     * Reads the {@code result} of a batch answer: results and errors by key. Empty collections
     * come back as {@code []} rather than {@code {}}; both read as empty.
     */
    public static Result read(JsonNode result) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Map<String, Error> errors = new LinkedHashMap<>();
        JsonNode byKey = result.path("result");
        if (byKey.isObject()) {
            byKey.properties().forEach(e -> results.put(e.getKey(), e.getValue()));
        } else if (byKey.isArray()) {
            // a batch of keys "0","1",… may come back as a JSON array
            for (int i = 0; i < byKey.size(); i++) {
                results.put(Integer.toString(i), byKey.get(i));
            }
        }
        JsonNode failed = result.path("result_error");
        if (failed.isObject()) {
            failed.properties().forEach(e -> errors.put(e.getKey(), new Error(e.getValue().path("error").asText(""),
                    e.getValue().path("error_description").asText(""))));
        }
        return new Result(results, errors);
    }

    /** A {@code $result[...]} reference, written raw into the sub-call's query. */
    public record ResultRef(String expression) {
        @Override
        public String toString() {
            return expression;
        }
    }

    /** One sub-call's error. */
    public record Error(String error, String description) {
    }

    /** What a batch gave back. */
    public record Result(Map<String, JsonNode> results, Map<String, Error> errors) {

        public boolean failed() {
            return !errors.isEmpty();
        }

        /** Keys in the order given whose calls failed. */
        public List<String> failedKeys() {
            return new ArrayList<>(errors.keySet());
        }
    }
}
