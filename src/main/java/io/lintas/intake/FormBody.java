package io.lintas.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a raw form body into an ordered multimap of field name → values.
 *
 * <ul>
 *   <li>{@code application/x-www-form-urlencoded}: UTF-8 unless a {@code charset} parameter says otherwise,
 *       {@code +} is a space, repeated names keep every value.</li>
 *   <li>{@code multipart/form-data}: one entry per part with a {@code Content-Disposition} name; file parts
 *       are recorded as {@code "file:<filename> (<n> bytes)"}, never their content.</li>
 *   <li>{@code application/json}: an object; nested objects become dotted keys ({@code "a.b"}), arrays of
 *       scalars become several values, objects inside arrays get their index ({@code "a.0.b"}).</li>
 * </ul>
 *
 * Everything that goes wrong becomes an {@link IntakeRejected} with a reason (400 unparseable,
 * 413 too many fields, 415 content type, 422 field name too long); no other exception escapes.
 */
public final class FormBody {

    /** The body encodings a parser may accept. */
    public enum Type {
        URLENCODED("application/x-www-form-urlencoded"),
        MULTIPART("multipart/form-data"),
        JSON("application/json");

        private final String mediaType;

        Type(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** At most this many field values per body: protects memory from a flood of tiny fields. */
    public static final int MAX_FIELDS = 1_000;

    /** Longest field name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // "12.50" stays "12.50"
            .build();

    private FormBody() {
    }

    /**
     * Decodes the request body according to its Content-Type.
     *
     * @param request  the request, raw body included
     * @param accepted the encodings the caller speaks; anything else is a 415 naming them
     * @return field name → values, in the order the sender gave them
     * @throws IntakeRejected 400, 413, 415 or 422 with a reason
     */
    public static LinkedHashMap<String, List<String>> decode(InboundRequest request, Set<Type> accepted) {
        String mediaType = request.mediaType();
        Type type = null;
        for (Type candidate : Type.values()) {
            if (candidate.mediaType.equals(mediaType)) {
                type = candidate;
            }
        }
        if (type == null || !accepted.contains(type)) {
            throw IntakeRejected.unsupportedType("Content-Type " + describe(mediaType)
                    + "; send one of " + acceptedList(accepted));
        }
        String contentType = request.contentType();
        return switch (type) {
            case URLENCODED -> urlEncoded(request.body(), charsetOf(contentType, StandardCharsets.UTF_8));
            case MULTIPART -> multipart(request.body(), boundaryOf(contentType));
            case JSON -> json(request.body(), charsetOf(contentType, null));
        };
    }

    /** How a refused media type is named in a reason: echoed only when short and printable. */
    static String describe(String mediaType) {
        if (mediaType.isEmpty()) {
            return "missing";
        }
        return mediaType.length() <= 100 && isAscii(mediaType) ? "'" + mediaType + "' not accepted" : "not accepted";
    }

    private static String acceptedList(Set<Type> accepted) {
        List<String> names = new ArrayList<>();
        for (Type type : Type.values()) {
            if (accepted.contains(type)) {
                names.add(type.mediaType);
            }
        }
        return String.join(", ", names);
    }

    // ---------------------------------------------------------------- content-type parameters

    /** The value of a Content-Type parameter (unquoted), or null. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        String[] pieces = contentType.split(";");
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i].trim();
            int equals = piece.indexOf('=');
            if (equals > 0 && piece.substring(0, equals).trim().equalsIgnoreCase(name)) {
                String value = piece.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static Charset charsetOf(String contentType, Charset fallback) {
        String name = parameter(contentType, "charset");
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException unknown) {
            throw IntakeRejected.unsupportedType("charset not supported; send UTF-8");
        }
    }

    private static String boundaryOf(String contentType) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw IntakeRejected.badRequest("multipart/form-data without a boundary parameter");
        }
        // RFC 2046: 1 to 70 characters, no trailing space
        if (boundary.length() > 70 || boundary.endsWith(" ") || !isAscii(boundary)) {
            throw IntakeRejected.badRequest("multipart boundary is malformed");
        }
        return boundary;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- shared limits

    private static final class Fields {
        final LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
        int count;

        void add(String name, String value) {
            if (++count > MAX_FIELDS) {
                throw IntakeRejected.tooLarge("too many fields: at most " + MAX_FIELDS + " are accepted");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw IntakeRejected.unprocessable("a field name is longer than " + MAX_NAME_LENGTH + " characters");
            }
            map.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
        }
    }

    // ---------------------------------------------------------------- urlencoded

    /**
     * Decodes {@code name=value&name=value} in the given charset. Also used for TILDAUTM-style values.
     * A segment without '=' is a field with an empty value; empty names are skipped.
     */
    static LinkedHashMap<String, List<String>> urlEncoded(byte[] body, Charset charset) {
        Fields fields = new Fields();
        int start = 0;
        int length = body.length;
        while (start <= length) {
            int end = indexOf(body, (byte) '&', start, length);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start, end);
                String name = percentDecode(body, start, equals < 0 ? end : equals, charset);
                String value = equals < 0 ? "" : percentDecode(body, equals + 1, end, charset);
                if (!name.isEmpty()) {
                    fields.add(name, value);
                }
            }
            start = end + 1;
        }
        return fields.map;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String percentDecode(byte[] body, int from, int to, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int high = i + 1 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw IntakeRejected.badRequest("malformed %-escape in form body at byte " + i);
                }
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return strictDecode(out.toByteArray(), charset);
    }

    private static String strictDecode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw IntakeRejected.badRequest("form body is not valid " + charset.name()
                    + "; declare the charset in Content-Type");
        }
    }

    // ---------------------------------------------------------------- multipart

    private static LinkedHashMap<String, List<String>> multipart(byte[] body, String boundary) {
        Fields fields = new Fields();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int position = find(body, delimiter, 0);
        // the first delimiter starts the body or a line
        while (position > 0 && body[position - 1] != '\n') {
            position = find(body, delimiter, position + 1);
        }
        if (position < 0) {
            throw IntakeRejected.badRequest("multipart body does not contain its boundary");
        }
        byte[] nextDelimiter = ("\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            int cursor = position + delimiter.length;
            if (startsWith(body, cursor, "--")) {
                return fields.map;
            }
            cursor = skipLineEnd(body, cursor);
            int headersEnd = find(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), cursor);
            int contentStart = headersEnd + 4;
            int bareEnd = find(body, "\n\n".getBytes(StandardCharsets.US_ASCII), cursor);
            if (bareEnd >= 0 && (headersEnd < 0 || bareEnd < headersEnd)) {
                headersEnd = bareEnd;
                contentStart = bareEnd + 2;
            }
            if (headersEnd < 0) {
                throw IntakeRejected.badRequest("multipart part without a header/content separator");
            }
            int next = find(body, nextDelimiter, contentStart);
            if (next < 0) {
                throw IntakeRejected.badRequest("multipart body is truncated: closing boundary missing");
            }
            int contentEnd = next > contentStart && body[next - 1] == '\r' ? next - 1 : next;
            if (contentEnd < contentStart) {
                contentEnd = contentStart;
            }
            addPart(fields, new String(body, cursor, headersEnd - cursor, StandardCharsets.UTF_8),
                    body, contentStart, contentEnd);
            position = next + 1;
        }
    }

    private static void addPart(Fields fields, String headers, byte[] body, int from, int to) {
        String disposition = null;
        String partType = null;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                partType = value;
            }
        }
        if (disposition == null) {
            throw IntakeRejected.badRequest("multipart part without Content-Disposition");
        }
        Map<String, String> params = dispositionParameters(disposition);
        String name = params.get("name");
        if (name == null || name.isEmpty()) {
            return; // a part that names no field carries nothing we can map
        }
        String filename = params.containsKey("filename*") ? params.get("filename*") : params.get("filename");
        if (filename != null) {
            fields.add(name, "file:" + filename + " (" + (to - from) + " bytes)");
            return;
        }
        Charset charset = charsetOf(partType, StandardCharsets.UTF_8);
        byte[] content = new byte[to - from];
        System.arraycopy(body, from, content, 0, content.length);
        fields.add(name, strictDecode(content, charset));
    }

    /** Parameters of {@code form-data; name="a"; filename="b.pdf"}, quoted strings unescaped. */
    private static Map<String, String> dispositionParameters(String disposition) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = disposition.indexOf(';');
        while (i >= 0 && i < disposition.length()) {
            i++;
            while (i < disposition.length() && disposition.charAt(i) == ' ') {
                i++;
            }
            int equals = disposition.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = disposition.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = equals + 1;
            if (j < disposition.length() && disposition.charAt(j) == '"') {
                j++;
                while (j < disposition.length() && disposition.charAt(j) != '"') {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < disposition.length()) {
                        c = disposition.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j = disposition.indexOf(';', j);
            } else {
                int semicolon = disposition.indexOf(';', j);
                value.append(disposition, j, semicolon < 0 ? disposition.length() : semicolon);
                j = semicolon;
            }
            String text = value.toString().trim();
            if (key.equals("filename*")) {
                text = extendedValue(text);
            }
            params.put(key, text);
            i = j;
        }
        return params;
    }

    /** RFC 5987 {@code UTF-8''na%C3%AFve.txt}; falls back to the raw text when it is not that shape. */
    private static String extendedValue(String text) {
        int quote = text.indexOf("''");
        if (quote < 0) {
            return text;
        }
        try {
            Charset charset = Charset.forName(text.substring(0, quote));
            byte[] raw = text.substring(quote + 2).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '%' && i + 2 < raw.length
                        && Character.digit(raw[i + 1], 16) >= 0 && Character.digit(raw[i + 2], 16) >= 0) {
                    out.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                    i += 2;
                } else {
                    out.write(raw[i]);
                }
            }
            return new String(out.toByteArray(), charset);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static int skipLineEnd(byte[] body, int cursor) {
        while (cursor < body.length && (body[cursor] == ' ' || body[cursor] == '\t')) {
            cursor++; // transport padding
        }
        if (cursor < body.length && body[cursor] == '\r') {
            cursor++;
        }
        if (cursor < body.length && body[cursor] == '\n') {
            return cursor + 1;
        }
        throw IntakeRejected.badRequest("multipart boundary line is malformed");
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int find(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- JSON

    /** Parses a JSON object, or rejects with 400 saying where it broke (never echoing content). */
    static JsonNode jsonObject(byte[] body, Charset charset) {
        JsonNode root;
        try {
            root = charset == null ? JSON.readTree(body) : JSON.readTree(new String(body, charset));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw IntakeRejected.badRequest("body is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            throw IntakeRejected.badRequest("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw IntakeRejected.badRequest("JSON body must be an object");
        }
        return root;
    }

    private static LinkedHashMap<String, List<String>> json(byte[] body, Charset charset) {
        Fields fields = new Fields();
        flatten(fields, "", jsonObject(body, charset));
        return fields.map;
    }

    private static void flatten(Fields fields, String prefix, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                if (key.length() > MAX_NAME_LENGTH) {
                    throw IntakeRejected.unprocessable("a field name is longer than " + MAX_NAME_LENGTH + " characters");
                }
                flatten(fields, key, entry.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isContainerNode()) {
                    flatten(fields, prefix + "." + i, element);
                } else {
                    flatten(fields, prefix, element);
                }
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            fields.add(prefix, scalar(node));
        }
    }

    /** Longest exponent written out in full; beyond it plain notation would be that many digits long. */
    static final int MAX_PLAIN_EXPONENT = 400;

    /**
     * A decimal without exponent notation ("12.50", "1000"), unless writing it out would take more than
     * {@value #MAX_PLAIN_EXPONENT} zeros: then as Java writes it ("1E+999999999"). {@code 1e999999999} is a
     * short JSON number whose plain form is a billion digits: writing that exhausts the heap.
     */
    static String decimal(java.math.BigDecimal value) {
        int scale = value.scale();
        return scale > MAX_PLAIN_EXPONENT || scale < -MAX_PLAIN_EXPONENT ? value.toString() : value.toPlainString();
    }

    /** A JSON scalar as text: numbers without exponent notation, booleans as true/false. */
    static String scalar(JsonNode node) {
        if (node.isBigDecimal()) {
            return decimal(node.decimalValue());
        }
        if (node.isContainerNode()) {
            return node.toString();
        }
        return node.asText();
    }
}
