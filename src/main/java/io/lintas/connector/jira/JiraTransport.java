package io.lintas.connector.jira;

/** Sends one call to a tenant's Jira site (the jira-rest-action connector, in the application). */
public interface JiraTransport {

    /**
     * @return Jira's answer, whatever its status
     * @throws JiraTransientException when no answer came (timeout, connection refused, ...): see
     *                                {@link JiraErrors#noAnswer(JiraCall, Throwable)}
     */
    JiraResponse send(JiraSettings site, JiraCall call);
}
