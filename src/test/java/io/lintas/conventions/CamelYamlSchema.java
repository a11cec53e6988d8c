package io.lintas.conventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks YAML routes and Kamelets against the Camel YAML DSL JSON schema that ships in the
 * camel-yaml-dsl jar ({@code schema/camelYamlDsl.json}, the one the Camel tooling uses). A
 * Kamelet's {@code spec.template} is checked as a route template of that schema; the Kamelet
 * around it against a small schema of the Kamelet resource (apiVersion, kind, metadata, spec).
 * Problems read: {@code file:line: at /json/pointer: what is wrong}.
 */
public final class CamelYamlSchema {

    /** Where the Camel YAML DSL schema is inside camel-yaml-dsl. */
    public static final String SCHEMA = "/schema/camelYamlDsl.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_PROBLEMS_PER_FILE = 20;

    private static final String KAMELET_ENVELOPE = """
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["apiVersion", "kind", "metadata", "spec"],
              "properties": {
                "apiVersion": {"enum": ["camel.apache.org/v1", "camel.apache.org/v1alpha1"]},
                "kind": {"enum": ["Kamelet"]},
                "metadata": {
                  "type": "object",
                  "required": ["name"],
                  "properties": {
                    "name": {"type": "string", "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},
                    "labels": {"type": "object", "properties": {
                      "camel.apache.org/kamelet.type": {"enum": ["source", "sink", "action"]}}},
                    "annotations": {"type": "object"}
                  }
                },
                "spec": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": ["definition", "template"],
                  "properties": {
                    "definition": {
                      "type": "object",
                      "required": ["title"],
                      "properties": {
                        "title": {"type": "string"},
                        "description": {"type": "string"},
                        "required": {"type": "array", "items": {"type": "string"}},
                        "type": {"enum": ["object"]},
                        "properties": {"type": "object", "additionalProperties": {
                          "type": "object",
                          "properties": {"type": {"enum": ["string", "integer", "number", "boolean", "object", "array"]}}}}
                      }
                    },
                    "dependencies": {"type": "array", "items": {"type": "string"}},
                    "template": {"type": "object"},
                    "types": {"type": "object"},
                    "dataTypes": {"type": "object"}
                  }
                }
              }
            }""";

    private final JsonSchema camel;
    private final JsonSchema kamelet;

    public CamelYamlSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        try (InputStream in = CamelYamlSchema.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the classpath (it ships in camel-yaml-dsl)");
            }
            JsonNode tree = new ObjectMapper().readTree(in);
            allowPlaceholders(tree);
            camel = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(tree, config);
            camel.initializeValidators();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        kamelet = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(KAMELET_ENVELOPE, config);
    }

    /**
     * Camel resolves {@code {{property}}} placeholders in any option before it reads the value, so
     * a number or boolean option may hold one: each such type also accepts a string that is
     * exactly one placeholder (and no other string).
     */
    private static void allowPlaceholders(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type != null && type.isTextual() && List.of("number", "integer", "boolean").contains(type.asText())
                    && !object.has("pattern")) {
                object.putArray("type").add(type.asText()).add("string");
                object.put("pattern", "^\\{\\{[^{}]+}}$");
            }
            object.elements().forEachRemaining(CamelYamlSchema::allowPlaceholders);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(CamelYamlSchema::allowPlaceholders);
        }
    }

    /** Problems of a routes file ({@code routes/*.camel.yaml}): a YAML list of routes, route configurations, ... */
    public List<String> checkRoutes(String file, String text) {
        JsonNode document;
        try {
            document = YAML.readTree(text);
        } catch (Exception unreadable) {
            return List.of(file + ": not readable as YAML: " + firstLine(unreadable.getMessage()));
        }
        if (document == null || !document.isArray()) {
            return List.of(file + ":1: a Camel YAML routes file is a list (- route: ..., - routeConfiguration: ...)");
        }
        return report(file, text, camel.validate(document), "");
    }

    /** Problems of a Kamelet ({@code connectors/*.kamelet.yaml}). */
    public List<String> checkKamelet(String file, String text) {
        JsonNode document;
        try {
            document = YAML.readTree(text);
        } catch (Exception unreadable) {
            return List.of(file + ": not readable as YAML: " + firstLine(unreadable.getMessage()));
        }
        List<String> problems = new ArrayList<>(report(file, text, kamelet.validate(document), ""));
        String expectedName = file.replaceAll("^.*/", "").replace(".kamelet.yaml", "");
        String name = document.path("metadata").path("name").asText(null);
        if (name != null && !name.equals(expectedName)) {
            problems.add(file + ":" + line(text, "/metadata/name") + ": at /metadata/name: the Kamelet is named '" + name
                    + "' but its file says '" + expectedName + "' (Camel finds it by the file name)");
        }
        JsonNode template = document.path("spec").path("template");
        if (template instanceof ObjectNode object) {
            // the template is a route template of the same schema: [ { routeTemplate: { id, from | route, beans } } ]
            ObjectNode routeTemplate = object.deepCopy();
            routeTemplate.put("id", expectedName);
            ArrayNode wrapped = YAML.createArrayNode();
            wrapped.addObject().set("routeTemplate", routeTemplate);
            problems.addAll(report(file, text, camel.validate(wrapped), "/spec/template"));
        }
        return problems;
    }

    /**
     * One line per problem, in file order. Messages under {@code /0/routeTemplate} are moved to
     * {@code prefix}; a type mismatch on a {{property placeholder}} is not a problem (Camel resolves it at start).
     */
    private static List<String> report(String file, String text, Set<ValidationMessage> messages, String prefix) {
        List<ValidationMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
        Set<String> oneOfs = new java.util.HashSet<>();
        for (ValidationMessage message : sorted) {
            if ("oneOf".equals(message.getType()) || "anyOf".equals(message.getType())) {
                oneOfs.add(message.getInstanceLocation().toString());
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        for (ValidationMessage message : sorted) {
            if ("type".equals(message.getType()) && message.getInstanceNode() != null
                    && message.getInstanceNode().isTextual() && message.getInstanceNode().asText().matches("\\{\\{.+}}")) {
                continue;
            }
            String pointer = message.getInstanceLocation().toString();
            if ("required".equals(message.getType()) && oneOfs.contains(pointer)) {
                continue; // one "required" per alternative of a oneOf (every expression language...): noise
            }
            if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
                pointer = pointer + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
            }
            if (!prefix.isEmpty()) {
                pointer = prefix + pointer.replaceFirst("^/0/routeTemplate", "");
            }
            pointer = pointer.isEmpty() ? "/" : pointer;
            String what = message.getMessage().replaceFirst("^\\S*: ", "").replaceFirst("^/[^ ]* ", "");
            lines.add(file + ":" + line(text, pointer) + ": at " + pointer + ": " + what);
        }
        List<String> problems = new ArrayList<>(lines);
        if (problems.size() > MAX_PROBLEMS_PER_FILE) {
            int more = problems.size() - MAX_PROBLEMS_PER_FILE;
            problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS_PER_FILE));
            problems.add(file + ": ... and " + more + " more");
        }
        return problems;
    }

    /** The 1-based line of the YAML node at a JSON pointer (or of its nearest existing parent). */
    static int line(String text, String pointer) {
        Node node;
        try {
            node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return 1;
        }
        if (node == null) {
            return 1;
        }
        String[] segments = pointer.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                continue;
            }
            String segment = segments[i].replace("~1", "/").replace("~0", "~");
            boolean last = i == segments.length - 1;
            Node next = null;
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                        // the key's line reads better than its value's (a mapping value starts a line below)
                        next = last ? tuple.getKeyNode() : tuple.getValueNode();
                    }
                }
            } else if (node instanceof SequenceNode sequence && segment.matches("\\d+")
                    && Integer.parseInt(segment) < sequence.getValue().size()) {
                next = sequence.getValue().get(Integer.parseInt(segment));
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return node.getStartMark().getLine() + 1;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
