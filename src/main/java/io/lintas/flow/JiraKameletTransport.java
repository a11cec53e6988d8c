package io.lintas.flow;

import io.lintas.connector.jira.JiraCall;
import io.lintas.connector.jira.JiraErrors;
import io.lintas.connector.jira.JiraResponse;
import io.lintas.connector.jira.JiraSettings;
import io.lintas.connector.jira.JiraTransport;
import org.apache.camel.Exchange;

/**
 * Sends Jira calls through the {@code jira-rest-action} connector. The endpoint differs only by site
 * and call shape (method and path template), never by issue: the issue key travels in the exchange
 * property {@code jiraIssue}, so the connector makes a bounded number of routes.
 */
public class JiraKameletTransport implements JiraTransport {

    /** Exchange property the connector's path reads the issue key from. */
    public static final String ISSUE_PROPERTY = "jiraIssue";

    private final ConnectorEndpoints endpoints;

    public JiraKameletTransport(ConnectorEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public JiraResponse send(JiraSettings site, JiraCall call) {
        Exchange answer = endpoints.send(uri(site, call), exchange -> {
            exchange.getIn().setBody(call.body());
            if (call.issue() != null) {
                exchange.setProperty(ISSUE_PROPERTY, call.issue());
            }
        });
        if (answer.getException() != null) {
            throw JiraErrors.noAnswer(call, answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw JiraErrors.noAnswer(call, new IllegalStateException("no HTTP status in the connector's answer"));
        }
        return new JiraResponse(status, answer.getMessage().getBody(String.class),
                answer.getMessage().getHeader("Retry-After", String.class));
    }

    static String uri(JiraSettings site, JiraCall call) {
        String path = call.path().replace(JiraCall.ISSUE_PLACEHOLDER, "${exchangeProperty." + ISSUE_PROPERTY + "}");
        return "kamelet:jira-rest-action"
                + "?siteUrl=RAW(" + site.siteUrl() + ")"
                + "&email=RAW(" + site.email() + ")"
                + "&apiToken=RAW(" + site.apiToken() + ")"
                + "&method=" + call.method()
                + "&path=RAW(" + path + ")"
                + "&responseTimeout=" + site.timeout().toMillis();
    }
}
