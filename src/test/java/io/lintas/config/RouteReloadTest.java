package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route editing in the dev profile: with the reload settings of application-dev.yaml (pattern,
 * replace-only-the-changed-routes), a route file saved again in the watched folder changes what the
 * running route does, and the routes of the other files keep running.
 */
class RouteReloadTest {

    @TempDir
    Path routes;

    @Test
    void aSavedRouteFileReplacesTheRunningRoute() throws Exception {
        JsonNode main = devProfile().path("camel").path("main");
        assertThat(main.path("routes-reload-enabled").asBoolean()).isTrue();
        assertThat(main.path("routes-reload-directory").asText()).isEqualTo("routes");

        Path greet = routes.resolve("greet.camel.yaml");
        Files.writeString(greet, route("greet", "hello v1"));
        Path other = routes.resolve("other.camel.yaml");
        Files.writeString(other, route("other", "unchanged"));
        Files.writeString(routes.resolve("notes.txt"), "not a route");

        try (CamelContext camel = new DefaultCamelContext()) {
            RouteWatcherReloadStrategy reload = new RouteWatcherReloadStrategy(routes.toString(), false);
            reload.setPattern(main.path("routes-reload-pattern").asText());
            reload.setRemoveAllRoutes(main.path("routes-reload-remove-all-routes").asBoolean(true));
            camel.addService(reload);
            for (Path file : new Path[] {greet, other}) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file));
            }
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            assertThat(producer.requestBody("direct:greet", "", String.class)).isEqualTo("hello v1");

            Files.writeString(greet, route("greet", "hello v2"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(producer.requestBody("direct:greet", "", String.class)).isEqualTo("hello v2"));
            assertThat(producer.requestBody("direct:other", "", String.class)).isEqualTo("unchanged");
            assertThat(camel.getRoutes()).hasSize(2);
        }
    }

    private static String route(String id, String answer) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(id, id, answer);
    }

    private static JsonNode devProfile() throws Exception {
        try (InputStream in = RouteReloadTest.class.getResourceAsStream("/application-dev.yaml")) {
            assertThat(in).as("application-dev.yaml on the classpath").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
