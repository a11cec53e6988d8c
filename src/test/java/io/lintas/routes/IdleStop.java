package io.lintas.routes;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import org.apache.camel.CamelContext;

/**
 * Stops routes only once they are idle. A consumer that is creating a connector's route (a Kamelet
 * endpoint used for the first time) while its own route is being stopped waits for the CamelContext
 * lock the stopping thread holds, and the stop waits for that consumer: a deadlock. Tests that start
 * and stop a stage around each test stop it through here.
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
