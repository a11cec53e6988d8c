package io.lintas.connector.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.lead.Redaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies failed Jira calls, as the contract sheet describes them: 429 (with Retry-After), 5xx,
 * 408, 409 and no answer at all are transient; 400 with {@code errorMessages}/{@code errors}, 401,
 * 403, 404, 422 and anything else are permanent. Messages carry Jira's own error texts, personal
 * data masked.
 */
public final class JiraErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private JiraErrors() {
    }

    /** The exception for a response that is not 2xx. */
    public static JiraException classify(JiraCall call, JiraResponse response) {
        return classify(call, response, Clock.systemUTC());
    }

    static JiraException classify(JiraCall call, JiraResponse response, Clock clock) {
        int status = response.status();
        List<String> messages = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String detail = details(response.body(), messages, errors);
        String message = "Jira " + call + " answered " + status + (detail.isEmpty() ? "" : ": " + detail);
        if (status == 429 || status == 408 || status == 409 || status >= 500) {
            Duration retryAfter = retryAfter(response.retryAfter(), clock);
            // a 5xx may come after the write was applied; 429, 408 and 409 are refusals
            boolean unknown = call.writes() && status >= 500;
            return new JiraTransientException(message + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"),
                    status, messages, errors, retryAfter, unknown, null);
        }
        return new JiraPermanentException(message, status, messages, errors);
    }

    /**
     * The exception for a call that got no answer. A write whose request may have reached Jira (a
     * read timeout, a dropped connection) has an unknown outcome; a refused or unresolvable connection
     * does not.
     */
    public static JiraTransientException noAnswer(JiraCall call, Throwable failure) {
        boolean notSent = causedBy(failure, ConnectException.class) || causedBy(failure, UnknownHostException.class)
                || causedBy(failure, NoRouteToHostException.class) || causedByName(failure, "ConnectTimeoutException");
        boolean timedOut = !notSent && causedBy(failure, SocketTimeoutException.class);
        String what = notSent ? "could not connect" : timedOut ? "timed out" : "got no answer";
        Throwable root = root(failure);
        return new JiraTransientException("Jira " + call + " " + what + ": "
                + Redaction.mask(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())),
                0, List.of(), Map.of(), null, call.writes() && !notSent, failure);
    }

    /** Seconds ("120") or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** Reads {@code errorMessages} and {@code errors}; gives the masked one-line detail for the message. */
    private static String details(String body, List<String> messages, Map<String, String> errors) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode json = null;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            // a proxy's HTML page, say: show its start
        }
        if (json == null || !json.isObject()) {
            String text = body.replaceAll("\\s+", " ").strip();
            return Redaction.mask(text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "…" : text);
        }
        json.path("errorMessages").forEach(m -> messages.add(m.asText()));
        json.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
        List<String> parts = new ArrayList<>(messages);
        errors.forEach((field, text) -> parts.add(field + ": " + text));
        if (parts.isEmpty() && json.hasNonNull("message")) {
            parts.add(json.get("message").asText());
        }
        return Redaction.mask(String.join("; ", parts));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByName(Throwable failure, String simpleName) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getSimpleName().equals(simpleName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
