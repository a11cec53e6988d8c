package io.lintas.connector.jira;

import java.util.List;
import java.util.Map;

/** Retrying will not help: 400 (bad field), 401/403 (credentials, permission), 404, 422 (configuration). */
public final class JiraPermanentException extends JiraException {

    JiraPermanentException(String message, int status, List<String> errorMessages, Map<String, String> errors) {
        super(message, status, errorMessages, errors, null);
    }
}
