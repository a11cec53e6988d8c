package io.lintas.connector.jira;

/**
 * Jira's answer to one call.
 *
 * @param status     HTTP status
 * @param body       response body (JSON), possibly empty
 * @param retryAfter the Retry-After header, or null
 */
public record JiraResponse(int status, String body, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
