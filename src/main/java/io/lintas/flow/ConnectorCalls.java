package io.lintas.flow;

import io.lintas.connector.Circuits;
import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.metrics.LeadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.MDC;

/**
 * Feeds every call of an external connector (a {@code *-action} Kamelet: Bitrix24, Jira, Xendit, Midtrans,
 * Stripe, Twilio, SMS.ru, outbound webhooks) into the circuit of (tenant, connector) and into
 * {@code lintas_connector_calls_seconds{tenant,connector,outcome}}. The tenant is the one whose message
 * the calling thread works on (MDC {@code tenant}, put there by {@link LeadMdc}); {@code -} for calls made
 * outside a tenant's message.
 *
 * <p>A failure is a call the remote system did not answer usably: an exception (no answer, timeout, a
 * Bitrix24 transient error) or HTTP 5xx / 429. A refusal of the request itself (4xx, a permanent Bitrix24
 * error) means the system is up: it counts as a success for the circuit.
 */
public class ConnectorCalls extends EventNotifierSupport {

    private final Circuits circuits;
    private final MeterRegistry registry;

    public ConnectorCalls(Circuits circuits, MeterRegistry registry) {
        this.circuits = circuits;
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        String connector = connector(sent.getEndpoint());
        if (connector == null) {
            return;
        }
        String tenant = MDC.get(LeadMetrics.MDC_TENANT);
        String failure = failure(sent.getExchange());
        if (failure == null) {
            circuits.of(tenant, connector).success();
        } else {
            circuits.of(tenant, connector).failure(failure);
        }
        Timer.builder("lintas.connector.calls")
                .description("calls of external connectors (Kamelets)")
                .tags("tenant", tenant == null ? Circuits.NO_TENANT : tenant, "connector", connector,
                        "outcome", failure == null ? "ok" : "failed")
                .register(registry)
                .record(Duration.ofMillis(Math.max(0, sent.getTimeTaken())));
    }

    /** The Kamelet's name for {@code kamelet:<name>-action?...}; null for anything else. */
    static String connector(Endpoint endpoint) {
        String uri = endpoint == null ? null : endpoint.getEndpointUri();
        if (uri == null || !uri.startsWith("kamelet:")) {
            return null;
        }
        String name = uri.substring("kamelet:".length()).replaceFirst("^//", "");
        int end = name.indexOf('?');
        name = end < 0 ? name : name.substring(0, end);
        int slash = name.indexOf('/');
        name = slash < 0 ? name : name.substring(0, slash);
        return name.endsWith("-action") ? name : null;
    }

    /** Why the call counts as a failure of the remote system, or null when it answered. */
    static String failure(Exchange exchange) {
        Exception exception = exchange.getException();
        if (exception instanceof Bitrix24Failure.Permanent) {
            return null;
        }
        if (exception != null) {
            return DeadLetters.reason(exception);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && (status >= 500 || status == 429)) {
            return "HTTP " + status;
        }
        return null;
    }
}
