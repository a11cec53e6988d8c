package io.lintas.tenant;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the environment does to a tenants file in the tests: {@code ${NAME}} and {@code ${NAME:default}}
 * resolved from a map, and a missing one refused the way Spring's resolveRequiredPlaceholders refuses it.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private Placeholders() {
    }

    static UnaryOperator<String> from(Map<String, String> environment) {
        return text -> {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = environment.getOrDefault(m.group(1), m.group(2));
                if (value == null) {
                    throw new IllegalArgumentException("Could not resolve placeholder '" + m.group(1) + "' in value \"" + text + "\"");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        };
    }
}
