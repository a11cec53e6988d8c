package io.lintas.flow;

import io.lintas.metrics.LeadMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

/**
 * Puts the lead id and tenant of a queue message ({@code LintasLeadId}, {@code LintasTenant}) into the
 * logging MDC while a route works on it, so every log line of that work (and the connector calls it
 * makes, see {@link ConnectorCalls}) can be correlated. Applied to every route; a route whose message
 * carries neither header (a Kamelet's inner route) leaves the MDC as it found it.
 */
public class LeadMdc extends RoutePolicySupport implements RoutePolicyFactory {

    private static final String SET = "lintasMdcSet";

    @Override
    public RoutePolicy createRoutePolicy(org.apache.camel.CamelContext camelContext, String routeId, NamedNode route) {
        return this;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String tenant = exchange.getMessage().getHeader(QueueHeaders.TENANT, String.class);
        String lead = exchange.getMessage().getHeader(QueueHeaders.LEAD_ID, String.class);
        if (tenant != null && exchange.getProperty(SET) == null) { // the first route of this exchange; a nested one keeps it
            MDC.put(LeadMetrics.MDC_TENANT, tenant);
            if (lead != null) {
                MDC.put(LeadMetrics.MDC_LEAD, lead);
            } else {
                MDC.remove(LeadMetrics.MDC_LEAD);
            }
            exchange.setProperty(SET, route.getRouteId());
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (route.getRouteId().equals(exchange.getProperty(SET, String.class))) {
            MDC.remove(LeadMetrics.MDC_TENANT);
            MDC.remove(LeadMetrics.MDC_LEAD);
            exchange.removeProperty(SET);
        }
    }
}
