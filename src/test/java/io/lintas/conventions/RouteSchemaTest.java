package io.lintas.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build fails on a route or Kamelet that does not match the Camel YAML DSL schema, with
 * file, line, JSON pointer and what is wrong, before anything tries to start it.
 */
class RouteSchemaTest {

    private static CamelYamlSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = new CamelYamlSchema();
    }

    @Test
    void everyRouteAndKameletMatchesTheCamelYamlDslSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> routes = files(Path.of("routes"), ".camel.yaml");
        List<Path> kamelets = files(Path.of("connectors"), ".kamelet.yaml");
        for (Path file : routes) {
            problems.addAll(schema.checkRoutes(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        for (Path file : kamelets) {
            problems.addAll(schema.checkKamelet(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }

        assertThat(routes).as("routes/*.camel.yaml").hasSizeGreaterThan(5);
        assertThat(kamelets).as("connectors/*.kamelet.yaml").hasSizeGreaterThan(3);
        assertThat(problems).as("Routes and Kamelets that do not match the Camel YAML DSL schema:\n  "
                + String.join("\n  ", problems) + "\n").isEmpty();
    }

    @Test
    void aBrokenRouteIsReportedWithItsFileLinePathAndWhatIsWrong() {
        String broken = """
                - route:
                    id: broken
                    from:
                      uri: "timer:tick"
                      steps:
                        - log: "tick"
                        - bean:
                            ref: someBean
                            methd: work
                """;

        List<String> problems = schema.checkRoutes("routes/broken.camel.yaml", broken);

        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("routes/broken.camel.yaml:9: at /0/route/from/steps/1/bean")
                .contains("methd"));
    }

    @Test
    void aMisspelledStepIsNamedOnItsLine() {
        String broken = """
                - route:
                    id: typo
                    from:
                      uri: "direct:typo"
                      steps:
                        - to: "log:ok"
                        - bea:
                            ref: someBean
                """;

        List<String> problems = schema.checkRoutes("routes/typo.camel.yaml", broken);

        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("routes/typo.camel.yaml:7: at /0/route/from/steps/1/bea").contains("'bea' is not defined"));
    }

    @Test
    void aRouteWithoutItsFromIsReported() {
        List<String> problems = schema.checkRoutes("routes/nofrom.camel.yaml", "- route:\n    id: nofrom\n");

        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("routes/nofrom.camel.yaml:1: at /0/route").contains("from"));
    }

    @Test
    void aBrokenKameletTemplateAndEnvelopeAreReported() {
        String broken = """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: other-name
                spec:
                  definition:
                    title: Broken
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                        - setHeader:
                            name: X
                            constant: 1
                            oops: true
                  extra: nope
                """;

        List<String> problems = schema.checkKamelet("connectors/broken-action.kamelet.yaml", broken);

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("connectors/broken-action.kamelet.yaml:16: at /spec")
                .contains("extra"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("at /spec/template/from/steps/0/setHeader").contains("oops"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("other-name").contains("broken-action"));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
