package io.lintas.config;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Camel's HTTP header filter for calls to a Bitrix24 portal: only the headers the request needs go
 * out (nothing of the queue message: lead ids, tenant, JMS properties); answers come in with the
 * usual rules, Retry-After included.
 */
public class Bitrix24HeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> SENT = Set.of("content-type", "accept", "user-agent");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
