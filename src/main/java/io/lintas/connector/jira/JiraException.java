package io.lintas.connector.jira;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Jira call that failed; {@link JiraTransientException} may succeed later, {@link JiraPermanentException} will not. */
public abstract sealed class JiraException extends RuntimeException
        permits JiraTransientException, JiraPermanentException {

    private final int status;
    private final List<String> errorMessages;
    private final Map<String, String> errors;

    JiraException(String message, int status, List<String> errorMessages, Map<String, String> errors, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorMessages = errorMessages == null ? List.of() : List.copyOf(errorMessages);
        this.errors = errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));   // Jira's order
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Jira's {@code errorMessages}, as sent. */
    public List<String> errorMessages() {
        return errorMessages;
    }

    /** Jira's {@code errors}: field → message. */
    public Map<String, String> errors() {
        return errors;
    }
}
