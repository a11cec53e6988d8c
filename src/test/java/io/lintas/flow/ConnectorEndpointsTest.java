package io.lintas.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connector endpoint that cannot be made in time (here: its component waits on a latch, as a Kamelet's route
 * creation waits on the CamelContext lock a route stop holds) ends the attempt as "not reachable" instead of holding
 * the caller; once made, it is used.
 */
class ConnectorEndpointsTest {

    private final CountDownLatch open = new CountDownLatch(1);
    private CamelContext camel;

    @BeforeEach
    void context() {
        camel = new DefaultCamelContext();
        camel.addComponent("slow", new DefaultComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
                open.await(10, TimeUnit.SECONDS);
                parameters.clear();                       // a connector's own parameters
                return new Pong(uri, this);
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        open.countDown();
        camel.stop();
    }

    @Test
    void aConnectorStillBeingMadeGivesUpInBoundedTimeAndIsUsedOnceMade() throws Exception {
        ConnectorEndpoints endpoints = new ConnectorEndpoints(camel, camel.createProducerTemplate(), 200);

        long started = System.nanoTime();
        Exchange refused = endpoints.send("slow:xendit?secretKey=RAW(xnd_secret)", exchange -> exchange.getIn().setBody("ping"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        assertThat(refused.getException()).isInstanceOf(ConnectException.class)
                .hasMessageContaining("connector slow:xendit is still being started")
                .hasMessageNotContaining("xnd_secret");

        open.countDown();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> camel.hasEndpoint("slow:xendit?secretKey=RAW(xnd_secret)") != null);
        Exchange answered = endpoints.send("slow:xendit?secretKey=RAW(xnd_secret)", exchange -> exchange.getIn().setBody("ping"));
        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(String.class)).isEqualTo("pong to ping");
    }

    /** Answers "pong to <body>". */
    static final class Pong extends DefaultEndpoint {

        Pong(String uri, DefaultComponent component) {
            super(uri, component);
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) {
                    exchange.getMessage().setBody("pong to " + exchange.getIn().getBody(String.class));
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException();
        }
    }
}
