package io.lintas.connector.bitrix24;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds Bitrix24 REST requests: a JSON body (the hub's choice; contract A1) and, for {@code batch}
 * sub-calls, the PHP {@code http_build_query} form of parameters.
 */
public class Bitrix24Requests {

    /** Sent on every call, as the docs recommend. */
    public static final String USER_AGENT = "lintas/1";

    private final ObjectMapper json;

    public Bitrix24Requests(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON body for a method's parameters ({@code {"id":123}}, a {@link Bitrix24Batch}'s params, ...). */
    public String body(Object params) {
        Object value = params instanceof Bitrix24Batch batch ? batch.params() : params;
        try {
            return json.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bitrix24 parameters cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * PHP {@code http_build_query} of nested parameters: {@code fields[PHONE][0][VALUE]=112233}.
     * Brackets in names stay as they are, values are %-encoded (space as +), {@code true}/{@code false}
     * become 1/0, nulls are left out, and a {@link Bitrix24Batch.ResultRef} is written raw so the
     * portal can substitute it.
     */
    public static String query(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> append(out, encode(name), value));
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> append(out, name + "[" + encode(String.valueOf(k)) + "]", v));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                append(out, name + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (!out.isEmpty()) {
            out.append('&');
        }
        out.append(name).append('=');
        if (value instanceof Bitrix24Batch.ResultRef ref) {
            out.append(ref);
        } else if (value instanceof Boolean b) {
            out.append(b ? '1' : '0');
        } else {
            out.append(encode(String.valueOf(value)));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
