package io.lintas.flow;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Calls a connector (a Kamelet endpoint such as {@code kamelet:xendit-rest-action?baseUrl=…}) from Java, without the
 * deadlock a first use could cause. A connector's endpoint is made the first time a tenant and call shape need it,
 * and making it adds and starts the Kamelet's route under the CamelContext's lock. A consumer doing that while its own
 * route is being stopped (from Hawtio, or at shutdown) would wait for the lock the stopping thread holds, while the
 * stop waits for that consumer's message: neither moves. So a missing endpoint is made on a helper thread; the caller
 * waits a bounded time and, when it is not there by then, this attempt ends as "not reachable" (nothing was sent), a
 * failure every transport treats as retryable: the message is rolled back, the stop completes, the redelivery finds
 * the endpoint made.
 */
public class ConnectorEndpoints {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ExecutorService maker;
    private final long waitMillis;

    public ConnectorEndpoints(CamelContext camel, ProducerTemplate producer, long waitMillis) {
        this.camel = camel;
        this.producer = producer;
        this.maker = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "lintas-connector-endpoints");
        this.waitMillis = waitMillis;
    }

    /** Sends an InOut exchange to the connector; the answer (or the failure) is in the returned exchange. */
    public Exchange send(String uri, Processor processor) {
        Endpoint endpoint = camel.hasEndpoint(uri);
        if (endpoint == null) {
            Future<Endpoint> made = maker.submit(() -> camel.getEndpoint(uri));
            try {
                endpoint = made.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return failed(new ConnectException("connector " + name(uri) + " is still being started (the route is "
                        + "busy stopping or starting); nothing was sent, try again"));
            } catch (ExecutionException e) {
                return failed(e.getCause() instanceof Exception cause ? cause : e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(e);
            }
        }
        return producer.send(endpoint, ExchangePattern.InOut, processor);
    }

    private Exchange failed(Exception cause) {
        Exchange exchange = new DefaultExchange(camel, ExchangePattern.InOut);
        exchange.setException(cause);
        return exchange;
    }

    /** The connector's name only: its URI may carry a tenant's credentials. */
    static String name(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
