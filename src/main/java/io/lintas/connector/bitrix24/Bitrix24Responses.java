package io.lintas.connector.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Bitrix24 REST answer: the envelope {@code {"result":…,"time":{…}}} on success, or
 * {@code {"error":"…","error_description":"…"}} with a 4xx/5xx. Errors are classified by status,
 * code and description together, because many CRM errors come with an empty code
 * ({@code {"error":"","error_description":"Not found"}}).
 */
public class Bitrix24Responses {

    /** Back-off after 503 QUERY_LIMIT_EXCEEDED when the portal gives no Retry-After. */
    static final Duration DEFAULT_RATE_PAUSE = Duration.ofSeconds(1);
    /** Back-off after 429 OPERATION_TIME_LIMIT when the answer has no operating_reset_at. */
    static final Duration DEFAULT_OPERATING_PAUSE = Duration.ofSeconds(60);
    /**
     * Longest pause honoured from the portal in one go: a caller waits holding a consumer and a
     * queue transaction, so keep it short. A longer limit is met again on the next attempt.
     */
    static final Duration MAX_PAUSE = Duration.ofMinutes(2);

    /** Codes that say "later", whatever the status. */
    private static final Set<String> TRANSIENT_CODES = Set.of("internal_server_error", "error_unexpected_answer");
    /** Codes that say "never", whatever the status: a support block, credentials, scope, plan, misuse. */
    private static final Set<String> PERMANENT_CODES = Set.of("overload_limit", "no_auth_found", "expired_token",
            "insufficient_scope", "invalid_credentials", "access_denied", "invalid_request",
            "error_batch_length_exceeded", "error_batch_method_not_allowed", "error_method_not_found");

    private final ObjectMapper json;

    public Bitrix24Responses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param method      the REST method called, for the failure's message
     * @param status      HTTP status
     * @param retryAfter  the Retry-After header, or null
     * @param body        the answer's bytes (may be empty or HTML when the portal is overloaded)
     * @param now         the current time, to turn {@code operating_reset_at} into a pause
     * @return the whole envelope; {@code result} holds the method's answer
     * @throws Bitrix24Failure.Transient for timeouts in the portal, 5xx, rate and time limits
     * @throws Bitrix24Failure.Permanent for everything retrying cannot fix
     */
    public JsonNode read(String method, int status, String retryAfter, byte[] body, Instant now) {
        JsonNode root = parse(body);
        String code = root == null ? "" : root.path("error").asText("");
        String description = root == null ? "" : root.path("error_description").asText("");
        boolean hasError = root != null && (!code.isEmpty() || root.has("error_description") || root.has("error"));
        if (status >= 200 && status < 300 && root != null && !hasError && root.has("result")) {
            return root;
        }
        if (root == null) {
            // an overloaded portal answers HTML; a proxy may answer nothing
            description = status >= 200 && status < 300 ? "answer is not JSON" : "answer is not JSON (HTTP " + status + ")";
        }
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.equals("query_limit_exceeded")) {
            throw new Bitrix24Failure.Transient(method, status, code, description,
                    clamp(retryAfter(retryAfter, DEFAULT_RATE_PAUSE)));
        }
        if (lower.equals("operation_time_limit")) {
            throw new Bitrix24Failure.Transient(method, status, code, description,
                    clamp(operatingReset(root, now)));
        }
        if (PERMANENT_CODES.contains(lower)) {
            throw new Bitrix24Failure.Permanent(method, status, code, description);
        }
        if (TRANSIENT_CODES.contains(lower) || status >= 500 || status == 408 || (status >= 200 && status < 300)) {
            // a 2xx without a result is a portal hiccup, not our mistake
            throw new Bitrix24Failure.Transient(method, status, code, description, null);
        }
        if (status == 429) {
            throw new Bitrix24Failure.Transient(method, status, code, description,
                    clamp(retryAfter(retryAfter, DEFAULT_RATE_PAUSE)));
        }
        throw new Bitrix24Failure.Permanent(method, status, code, description);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Duration retryAfter(String header, Duration fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException httpDate) {
            return fallback;
        }
    }

    private static Duration operatingReset(JsonNode root, Instant now) {
        JsonNode reset = root == null ? null : root.path("time").path("operating_reset_at");
        if (reset == null || !reset.isNumber()) {
            return DEFAULT_OPERATING_PAUSE;
        }
        Duration until = Duration.between(now, Instant.ofEpochSecond(reset.asLong()));
        return until.isNegative() ? Duration.ZERO : until;
    }

    private static Duration clamp(Duration pause) {
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }
}
