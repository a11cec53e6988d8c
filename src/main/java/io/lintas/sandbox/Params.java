package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.connector.bitrix24.PhpBrackets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading a Bitrix24 method's parameters the way the portal does, whichever encoding carried them
 * (contract A1): a JSON body, or PHP bracket names in a form body or query string. Bracketed lists
 * arrive as objects with keys "0", "1", …; {@link #items} reads both forms.
 */
final class Params {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Params() {
    }

    /** {@code a=1&b[c]=2} (not yet decoded) → {@code {"a":"1","b":{"c":"2"}}}. */
    static ObjectNode fromQuery(String query) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return toNode(PhpBrackets.parse(fields));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return s;
        }
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode toNode(Map<String, Object> tree) {
        ObjectNode node = NODES.objectNode();
        tree.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                node.set(k, toNode((Map<String, Object>) m));
            } else {
                node.put(k, String.valueOf(v));
            }
        });
        return node;
    }

    /** A top-level parameter, its name compared without case (the CRM methods upper-case them). */
    static JsonNode param(JsonNode params, String name) {
        if (params == null || !params.isObject()) {
            return null;
        }
        JsonNode exact = params.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The elements of a list: a JSON array, an object keyed 0, 1, … (brackets), or one scalar. */
    static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return items;
        }
        if (node.isArray() || node.isObject()) {
            node.elements().forEachRemaining(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    /** A scalar's text; null for a missing value, null or a container. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() ? null : node.asText();
    }

    /** A positive whole number given as a number or a string; null otherwise. */
    static Long id(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            long id = Long.parseLong(text.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "1", 1, true, "Y" → true (PHP's reading of halt and flags). */
    static boolean flag(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return false;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return !(t.isEmpty() || t.equals("0") || t.equals("false") || t.equals("n"));
    }
}
