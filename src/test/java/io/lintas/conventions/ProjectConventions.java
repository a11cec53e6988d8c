package io.lintas.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the Kamelet catalog's validator checks, for our {@code routes/} and {@code connectors/}:
 * route ids equal file names, connector names equal file names and carry their type, every
 * {@code {{param}}} is declared and every declared one used, secrets are placeholders. Each method
 * returns the violations it found, one readable line each, prefixed with the file name.
 */
public final class ProjectConventions {

    static final String ROUTE_SUFFIX = ".camel.yaml";
    static final String KAMELET_SUFFIX = ".kamelet.yaml";
    static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    static final List<String> KAMELET_TYPES = List.of("source", "sink", "action");

    /** {{name}}, {{?name}} (optional) and {{name:default}}. */
    private static final Pattern PARAM = Pattern.compile("\\{\\{\\??([^{}:]+)(?::[^{}]*)?}}");
    /** Key names that hold secrets: token, secret, password, apiKey / api-key / accessKey, ... */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|password|passwd|key)$|.*(token|secret|password).*");
    /** secret=value inside a URI or other string. */
    private static final Pattern SECRET_IN_STRING = Pattern.compile(
            "(?i)[?&;]([\\w.-]*(?:token|secret|password|apikey|api_key|api-key))=([^&\\s\"']+)");
    /** {{name}}, ${ENV}, or either inside RAW(...), Camel's way to pass a secret with +, & or = unmangled. */
    private static final Pattern PLACEHOLDER = Pattern.compile("^(\\{\\{.+}}|\\$\\{.+}|RAW\\((\\{\\{.+}}|\\$\\{.+})\\))$");

    private ProjectConventions() {
    }

    // --- routes ---------------------------------------------------------------------------------

    /** Every {@code *.camel.yaml} in the folder. */
    public static List<String> checkRoutes(Path folder) {
        List<String> violations = new ArrayList<>();
        for (Path file : files(folder, ROUTE_SUFFIX)) {
            violations.addAll(checkRouteFile(file));
        }
        return violations;
    }

    /**
     * Parses as YAML; each {@code - route:} has an id; a file holding routes has exactly one whose id is the
     * file's base name. Files with only {@code routeConfiguration}s (error handling) hold no routes and pass.
     */
    public static List<String> checkRouteFile(Path file) {
        String name = file.getFileName().toString();
        List<String> violations = new ArrayList<>();
        Object root;
        try {
            root = load(file);
        } catch (RuntimeException e) {
            return List.of(name + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (!(root instanceof List<?> items)) {
            return List.of(name + ": expected a YAML list of routes and route configurations");
        }
        String baseName = name.substring(0, name.length() - ROUTE_SUFFIX.length());
        List<String> ids = new ArrayList<>();
        int routes = 0;
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                violations.add(name + ": top-level entry is not a mapping: " + item);
                continue;
            }
            if (map.containsKey("from")) {
                routes++;
                violations.add(name + ": route #" + routes + " has no id (write it as '- route:' with an id)");
            }
            if (map.containsKey("route")) {
                routes++;
                Object id = map.get("route") instanceof Map<?, ?> route ? route.get("id") : null;
                if (!(id instanceof String s) || s.isBlank()) {
                    violations.add(name + ": route #" + routes + " has no id");
                } else {
                    ids.add(s);
                }
            }
        }
        long named = ids.stream().filter(baseName::equals).count();
        if (routes > 0 && named == 0) {
            violations.add(name + ": no route has the id '" + baseName + "' (the file's base name); ids: " + ids);
        } else if (named > 1) {
            violations.add(name + ": " + named + " routes have the id '" + baseName + "'");
        }
        violations.addAll(literalSecrets(name, root));
        return violations;
    }

    // --- connectors (Kamelets) ------------------------------------------------------------------

    /** Every {@code *.kamelet.yaml} in the folder. */
    public static List<String> checkConnectors(Path folder) {
        List<String> violations = new ArrayList<>();
        for (Path file : files(folder, KAMELET_SUFFIX)) {
            violations.addAll(checkKameletFile(file));
        }
        return violations;
    }

    /**
     * The file name equals metadata.name; the name ends with its type and the type label agrees; every
     * {@code {{param}}} in spec.template is declared and every declared property used; each property has
     * title, description and type; secret-like properties are {@code format: password}; no literal secret.
     */
    public static List<String> checkKameletFile(Path file) {
        String fileName = file.getFileName().toString();
        Object root;
        try {
            root = load(file);
        } catch (RuntimeException e) {
            return List.of(fileName + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (!(root instanceof Map<?, ?> kamelet)) {
            return List.of(fileName + ": expected a Kamelet resource (a mapping)");
        }
        List<String> violations = new ArrayList<>();
        String baseName = fileName.endsWith(KAMELET_SUFFIX)
                ? fileName.substring(0, fileName.length() - KAMELET_SUFFIX.length()) : fileName;
        Map<?, ?> metadata = map(kamelet.get("metadata"));
        Object name = metadata.get("name");
        if (!baseName.equals(name)) {
            violations.add(fileName + ": metadata.name '" + name + "' differs from the file name '" + baseName + "'");
        }
        String type = KAMELET_TYPES.stream().filter(t -> baseName.endsWith("-" + t)).findFirst().orElse(null);
        Object label = map(metadata.get("labels")).get(TYPE_LABEL);
        if (type == null) {
            violations.add(fileName + ": name '" + baseName + "' does not end with -source, -sink or -action");
        } else if (!type.equals(label)) {
            violations.add(fileName + ": label " + TYPE_LABEL + " is '" + label + "', the name says '" + type + "'");
        }

        Map<?, ?> spec = map(kamelet.get("spec"));
        Map<?, ?> definition = map(spec.get("definition"));
        Map<?, ?> properties = map(definition.get("properties"));
        Object template = spec.containsKey("template") ? spec.get("template") : spec.get("flow");
        if (template == null) {
            violations.add(fileName + ": no spec.template");
        }
        Set<String> used = new LinkedHashSet<>();
        strings(template, s -> {
            Matcher m = PARAM.matcher(s);
            while (m.find()) {
                used.add(m.group(1).strip());
            }
        });
        for (String param : used) {
            if (!properties.containsKey(param)) {
                violations.add(fileName + ": {{" + param + "}} is used in spec.template but not declared in spec.definition.properties");
            }
        }
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            String property = String.valueOf(e.getKey());
            Map<?, ?> def = map(e.getValue());
            if (!used.contains(property)) {
                violations.add(fileName + ": property '" + property + "' is declared but not used in spec.template");
            }
            for (String required : List.of("title", "description", "type")) {
                if (!(def.get(required) instanceof String s) || s.isBlank()) {
                    violations.add(fileName + ": property '" + property + "' has no " + required);
                }
            }
            if (isSecretName(property) && !"password".equals(def.get("format"))) {
                violations.add(fileName + ": property '" + property + "' looks like a secret but has no 'format: password'");
            }
            if (isSecretName(property) && def.containsKey("default")) {
                violations.add(fileName + ": property '" + property + "' looks like a secret but has a default");
            }
        }
        if (definition.get("required") instanceof List<?> required) {
            for (Object r : required) {
                if (!properties.containsKey(r)) {
                    violations.add(fileName + ": required property '" + r + "' is not declared");
                }
            }
        }
        violations.addAll(literalSecrets(fileName, template));
        return violations;
    }

    // --- secrets --------------------------------------------------------------------------------

    /**
     * Values of secret-like keys (token, secret, password, apiKey, ...) and secret-like query parameters
     * in strings must be {@code {{placeholders}}} or {@code ${ENV}} references, never literals.
     */
    public static List<String> literalSecrets(String fileName, Object tree) {
        List<String> violations = new ArrayList<>();
        walk(tree, "", (path, key, value) -> {
            if (key != null && isSecretName(key) && (value instanceof String || value instanceof Number)
                    && !PLACEHOLDER.matcher(String.valueOf(value).strip()).matches()) {
                violations.add(fileName + ": literal secret at " + path + " (use a {{placeholder}} or ${ENV_VAR})");
            }
            if (value instanceof String s) {
                Matcher m = SECRET_IN_STRING.matcher(s);
                while (m.find()) {
                    if (!m.group(2).startsWith("{{") && !m.group(2).startsWith("${")) {
                        violations.add(fileName + ": literal secret '" + m.group(1) + "=' in " + path
                                + " (use a {{placeholder}} or ${ENV_VAR})");
                    }
                }
            }
        });
        return violations;
    }

    static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    // --- helpers --------------------------------------------------------------------------------

    private interface Visitor {
        void visit(String path, String key, Object value);
    }

    private static void walk(Object node, String path, Visitor visitor) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String childPath = path.isEmpty() ? key : path + "." + key;
                visitor.visit(childPath, key, e.getValue());
                walk(e.getValue(), childPath, visitor);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String childPath = path + "[" + i + "]";
                visitor.visit(childPath, null, list.get(i));
                walk(list.get(i), childPath, visitor);
            }
        }
    }

    private static void strings(Object node, java.util.function.Consumer<String> consumer) {
        if (node instanceof String s) {
            consumer.accept(s);
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                strings(k, consumer);
                strings(v, consumer);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> strings(v, consumer));
        }
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Object load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        return Objects.requireNonNullElse(s, "").lines().findFirst().orElse("");
    }
}
