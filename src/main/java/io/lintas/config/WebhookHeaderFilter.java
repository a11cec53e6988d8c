package io.lintas.config;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Camel's HTTP header filter for webhook endpoints: the usual rules (no Camel* headers from
 * outside), except the one {@link RawBodyFilter} sets to keep form bodies raw. A sender setting
 * it too gains nothing: it only stops a decoding Lintas does not use.
 */
public class WebhookHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (RawBodyFilter.SKIP_FORM_MAPPING.equalsIgnoreCase(headerName)) {
            return false;
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
