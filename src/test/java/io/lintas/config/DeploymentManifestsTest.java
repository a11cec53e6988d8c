package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production setup as files: deploy/k8s parses and hangs together (the Deployment's probes, env
 * sources, ports and grace period), the prod profile says what docs/production.md says, and every
 * variable the prod profile and the manifests use is documented there.
 */
class DeploymentManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path K8S = Path.of("deploy/k8s");
    private static final List<JsonNode> MANIFESTS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).forEach(MANIFESTS::add);
                }
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndEachExists() throws IOException {
        JsonNode kustomization = only("Kustomization", null);
        Set<String> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void theDeploymentRunsTwoProbedInstancesThatOutliveTheirGracefulShutdown() throws IOException {
        JsonNode deployment = only("Deployment", "lintas");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/template/metadata/labels"));
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(container.at("/ports/0/name").asText()).isEqualTo(container.at("/livenessProbe/httpGet/port").asText());
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(java.util.stream.StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals("LINTAS_INSTANCE_ID"))
                .map(e -> e.at("/valueFrom/fieldRef/fieldPath").asText()).toList())
                .as("each pod is named in the leases by its own name").containsExactly("metadata.name");

        JsonNode prod = YAML.readTree(Path.of("src/main/resources/application-prod.yaml").toFile());
        int shutdownSeconds = Integer.parseInt(defaultOf(prod.at("/spring/lifecycle/timeout-per-shutdown-phase").asText())
                .replace("s", ""));
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as("longer than the app's graceful shutdown")
                .isGreaterThan(shutdownSeconds);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();

        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        container.path("envFrom").forEach(source -> {
            if (source.has("configMapRef")) {
                assertThat(configMaps).contains(source.at("/configMapRef/name").asText());
            } else {
                assertThat(secrets).contains(source.at("/secretRef/name").asText());
            }
        });
        pod.path("volumes").forEach(v -> {
            if (v.has("configMap")) {
                assertThat(configMaps).contains(v.at("/configMap/name").asText());
            }
        });
        JsonNode service = only("Service", "lintas");
        assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(container.at("/ports/0/name").asText());
    }

    @Test
    void theProdProfileUsesTheExternalEnginesAndListensOnEveryInterface() throws IOException {
        JsonNode prod = YAML.readTree(Path.of("src/main/resources/application-prod.yaml").toFile());

        assertThat(defaultOf(prod.at("/server/address").asText())).isEqualTo("0.0.0.0");
        assertThat(defaultOf(prod.at("/spring/artemis/mode").asText())).isEqualTo("native");
        assertThat(prod.at("/spring/artemis/embedded/enabled").asBoolean(true)).isFalse();
        assertThat(defaultOf(prod.at("/spring/datasource/url").asText())).startsWith("jdbc:postgresql:");
        assertThat(prod.at("/lintas/sandbox/enabled").asBoolean(true)).isFalse();
    }

    @Test
    void everyVariableOfTheProdProfileAndTheManifestsIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/production.md"));
        Set<String> used = new HashSet<>(variables(Files.readString(Path.of("src/main/resources/application-prod.yaml"))));
        for (JsonNode m : MANIFESTS) {
            if (m.path("kind").asText().equals("ConfigMap") || m.path("kind").asText().equals("Secret")) {
                m.path(m.has("data") ? "data" : "stringData").fieldNames().forEachRemaining(name -> {
                    if (name.startsWith("LINTAS_")) {
                        used.add(name.startsWith("LINTAS_KAFKA_PROPERTIES_") ? "LINTAS_KAFKA_PROPERTIES_<NAME>" : name);
                    }
                });
            }
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            assertThat(docs).as(name + " in docs/production.md").contains("`" + name + "`");
        }
    }

    private static List<String> variables(String yaml) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\$\\{(LINTAS_[A-Z0-9_]+)").matcher(yaml);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** {@code ${VAR:default}} → default. */
    private static String defaultOf(String placeholder) {
        Matcher m = Pattern.compile("^\\$\\{[A-Z0-9_]+:(.*)}$").matcher(placeholder);
        return m.matches() ? m.group(1) : placeholder;
    }

    private static JsonNode only(String kind, String name) {
        List<JsonNode> found = MANIFESTS.stream().filter(m -> m.path("kind").asText().equals(kind))
                .filter(m -> name == null || m.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Set<String> names(String kind) {
        Set<String> names = new HashSet<>();
        MANIFESTS.stream().filter(m -> m.path("kind").asText().equals(kind)).forEach(m -> names.add(m.at("/metadata/name").asText()));
        return names;
    }
}
