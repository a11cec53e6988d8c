package io.lintas.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The project's routes and connectors keep the catalog's conventions; and the checker catches each
 * broken convention in the fixtures under src/test/resources/conventions/, so it is not a test that
 * cannot fail.
 */
class ConventionsTest {

    /** Violations we live with for now, verbatim. Keep it empty: fix the file instead. */
    private static final Set<String> EXEMPTIONS = Set.of();

    private static final Path ROUTES = Path.of("routes");
    private static final Path CONNECTORS = Path.of("connectors");

    // --- the project ----------------------------------------------------------------------------

    @Test
    void theExemptionListIsEmpty() {
        assertThat(EXEMPTIONS).isEmpty();
    }

    @Test
    void routesKeepTheConventions() {
        assertThat(Files.isDirectory(ROUTES)).as("run from the project folder: routes/ exists").isTrue();
        try (var files = Files.list(ROUTES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".camel.yaml"))).as("route files to check").isNotEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ProjectConventions.checkRoutes(ROUTES)).filteredOn(v -> !EXEMPTIONS.contains(v)).isEmpty();
    }

    @Test
    void connectorsKeepTheConventions() {
        assertThat(ProjectConventions.checkConnectors(CONNECTORS)).filteredOn(v -> !EXEMPTIONS.contains(v)).isEmpty();
    }

    // --- the checker, against fixtures ----------------------------------------------------------

    @Test
    void aGoodRouteFilePasses() {
        assertThat(ProjectConventions.checkRouteFile(route("good-route.camel.yaml"))).isEmpty();
    }

    @Test
    void aFileWithOnlyRouteConfigurationsPasses() {
        assertThat(ProjectConventions.checkRouteFile(route("errors-only.camel.yaml"))).isEmpty();
    }

    @Test
    void aRouteWhoseIdIsNotTheFileNameIsReported() {
        assertThat(ProjectConventions.checkRouteFile(route("wrong-id.camel.yaml"))).containsExactly(
                "wrong-id.camel.yaml: no route has the id 'wrong-id' (the file's base name); ids: [deliver-crm]");
    }

    @Test
    void aRouteWithoutAnIdIsReported() {
        assertThat(ProjectConventions.checkRouteFile(route("missing-id.camel.yaml")))
                .containsExactly("missing-id.camel.yaml: route #2 has no id");
    }

    @Test
    void aRouteFileThatIsNotYamlIsReported() {
        assertThat(ProjectConventions.checkRouteFile(route("not-yaml.camel.yaml")))
                .singleElement().asString().startsWith("not-yaml.camel.yaml: not valid YAML (");
    }

    @Test
    void aLiteralSecretInARouteIsReported() {
        assertThat(ProjectConventions.checkRouteFile(route("literal-secret.camel.yaml"))).containsExactly(
                "literal-secret.camel.yaml: literal secret 'apiKey=' in [0].route.from.steps[0].to.uri"
                        + " (use a {{placeholder}} or ${ENV_VAR})");
    }

    @Test
    void theCheckerSeesEveryRouteFixture() {
        assertThat(ProjectConventions.checkRoutes(fixtures("routes"))).hasSize(4);
    }

    @Test
    void aGoodKameletPasses() {
        assertThat(ProjectConventions.checkKameletFile(connector("acme-lead-sink.kamelet.yaml"))).isEmpty();
    }

    @Test
    void aKameletWhoseFileNameDiffersFromItsNameIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("acme-contact-sink.kamelet.yaml"))).containsExactly(
                "acme-contact-sink.kamelet.yaml: metadata.name 'acme-lead-sink' differs from the file name 'acme-contact-sink'");
    }

    @Test
    void aKameletWhoseTypeLabelDisagreesWithItsNameIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("label-mismatch-source.kamelet.yaml"))).containsExactly(
                "label-mismatch-source.kamelet.yaml: label camel.apache.org/kamelet.type is 'sink', the name says 'source'");
    }

    @Test
    void anUndeclaredParameterIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("undeclared-param-sink.kamelet.yaml"))).containsExactly(
                "undeclared-param-sink.kamelet.yaml: {{campaign}} is used in spec.template but not declared in spec.definition.properties");
    }

    @Test
    void anUnusedDeclaredParameterIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("unused-param-sink.kamelet.yaml"))).containsExactly(
                "unused-param-sink.kamelet.yaml: property 'source' is declared but not used in spec.template");
    }

    @Test
    void aSecretWithoutFormatPasswordIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("plain-secret-sink.kamelet.yaml"))).containsExactly(
                "plain-secret-sink.kamelet.yaml: property 'token' looks like a secret but has no 'format: password'");
    }

    @Test
    void aLiteralTokenInAKameletIsReported() {
        assertThat(ProjectConventions.checkKameletFile(connector("literal-token-sink.kamelet.yaml"))).containsExactly(
                "literal-token-sink.kamelet.yaml: literal secret at from.steps[0].toD.parameters.accessToken"
                        + " (use a {{placeholder}} or ${ENV_VAR})");
    }

    @Test
    void theCheckerSeesEveryConnectorFixture() {
        assertThat(ProjectConventions.checkConnectors(fixtures("connectors"))).hasSize(6);
    }

    @Test
    void secretLikeNames() {
        assertThat(List.of("token", "accessToken", "secret", "clientSecret", "password", "apiKey", "api-key", "key"))
                .allMatch(ProjectConventions::isSecretName);
        assertThat(List.of("baseUrl", "source", "portal", "name", "honeypot")).noneMatch(ProjectConventions::isSecretName);
    }

    private static Path route(String name) {
        return fixtures("routes").resolve(name);
    }

    private static Path connector(String name) {
        return fixtures("connectors").resolve(name);
    }

    private static Path fixtures(String folder) {
        try {
            return Path.of(ConventionsTest.class.getResource("/conventions/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
