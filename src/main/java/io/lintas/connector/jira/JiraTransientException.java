package io.lintas.connector.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Worth retrying: a timeout, a refused connection, 5xx, 429 (with Retry-After), 409. */
public final class JiraTransientException extends JiraException {

    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    JiraTransientException(String message, int status, List<String> errorMessages, Map<String, String> errors,
            Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        super(message, status, errorMessages, errors, cause);
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** How long Jira asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when a write may have been applied although no success came back: look before writing again. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
