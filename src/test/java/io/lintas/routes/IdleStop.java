package io.lintas.routes;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import org.apache.camel.CamelContext;

/**
 * Stops routes once they are idle, so a test's next stage starts from a quiet broker. (Stopping a route while one of
 * its consumers makes a connector's endpoint used to deadlock on the CamelContext lock; ConnectorEndpoints now makes
 * endpoints off the consumer's thread, see ConnectorEndpointsTest. Waiting for idle remains the tidy way to stop.)
 */
final class IdleStop {

    private IdleStop() {
    }

    static void stop(CamelContext camel, String... routeIds) throws Exception {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(60)).until(() ->
                Arrays.stream(routeIds).allMatch(id -> camel.getInflightRepository().size(id) == 0));
        for (String id : routeIds) {
            camel.getRouteController().stopRoute(id);
        }
    }
}
