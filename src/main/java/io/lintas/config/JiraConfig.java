package io.lintas.config;

import io.lintas.flow.ConnectorEndpoints;
import io.lintas.connector.jira.JiraIssues;
import io.lintas.connector.jira.JiraTransport;
import io.lintas.flow.JiraKameletTransport;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jira tasks and the routing of leads to responsible users. */
@Configuration(proxyBeanMethods = false)
public class JiraConfig {

    @Bean
    JiraTransport jiraTransport(ConnectorEndpoints endpoints) {
        return new JiraKameletTransport(endpoints);
    }

    /**
     * The jira-rest-action connector's HTTP client. Apache HttpClient re-sends a request answered 429 or 503
     * by itself, POSTs included, after Retry-After: a create could be sent twice and a 30 s wait would hold a
     * consumer thread. Failures come back to Lintas instead, whose retry looks before it creates again.
     */
    @Bean
    HttpClientConfigurer jiraHttpClient() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    @Bean
    JiraIssues jiraIssues(JiraTransport jiraTransport) {
        return new JiraIssues(jiraTransport);
    }
}
