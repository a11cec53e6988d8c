package io.lintas.connector.bitrix24;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP's reading of bracketed form names, as Bitrix24 writes them with {@code http_build_query}:
 * {@code data[FIELDS][ID]=7&auth[domain]=x} becomes {@code {data={FIELDS={ID=7}}, auth={domain=x}}}.
 *
 * <p>Like PHP: {@code a[]} appends at the next integer key, a later value for the same name wins,
 * a name whose brackets do not close keeps the rest as part of the key, and a value given for a
 * key that already holds nested keys (or the other way round) replaces it. Nesting is capped.
 * Unlike PHP, the input is a multimap: the values of one name are taken together, at the place
 * the name first appeared (only {@code a[]} interleaved with {@code a[5]} can tell the difference).
 */
public final class PhpBrackets {

    /** Deeper names are kept flat under their full text (PHP's default max_input_nesting_level is 64). */
    static final int MAX_DEPTH = 32;

    private PhpBrackets() {
    }

    /**
     * @param fields decoded names and values in the order sent (as from a form body)
     * @return nested maps; leaves are strings; every map keeps the order the keys first appeared
     */
    public static Map<String, Object> parse(Map<String, List<String>> fields) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            for (String value : field.getValue()) {
                put(root, path(field.getKey()), value);
            }
        }
        return root;
    }

    /**
     * The keys of a bracketed name: {@code a[b][]} → [a, b, ""]; a name without well-formed
     * brackets is one key.
     */
    static List<String> path(String name) {
        List<String> keys = new ArrayList<>();
        int open = name.indexOf('[');
        if (open <= 0) {
            keys.add(name);
            return keys;
        }
        keys.add(name.substring(0, open));
        int at = open;
        while (at < name.length() && name.charAt(at) == '[') {
            int close = name.indexOf(']', at);
            if (close < 0 || keys.size() > MAX_DEPTH) {
                return List.of(name); // PHP would mangle it; we keep it whole and visible
            }
            keys.add(name.substring(at + 1, close));
            at = close + 1;
        }
        // PHP ignores anything after the last closing bracket that does not open a new one
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i).isEmpty() && i > 0 ? nextIndex(node) : path.get(i);
            if (i == path.size() - 1) {
                node.put(key, value);
                return;
            }
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
        }
    }

    private static String nextIndex(Map<String, Object> node) {
        long next = 0;
        for (String key : node.keySet()) {
            try {
                next = Math.max(next, Long.parseLong(key) + 1);
            } catch (NumberFormatException notAnIndex) {
                // string keys do not move the index, as in PHP
            }
        }
        return Long.toString(next);
    }

    /** The string at a path of keys, or null when absent or not a string. */
    public static String text(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node instanceof String s ? s : null;
    }

    /** The map at a path of keys, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return Map.of();
            }
            node = map.get(key);
        }
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
