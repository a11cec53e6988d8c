package io.lintas.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Bad request bodies for the bad-input fuzzers: malformed, truncated, huge, wrongly encoded and hostile,
 * made from a valid template of the target so that most of them get past the first checks.
 *
 * <p>Every body comes from a {@link Random}, so a seed reproduces a run; {@link Body#family()} names
 * what kind of damage it carries (the outcome tables are kept per family as well).
 */
public final class HostileInput {

    /** What the target parses: decides which kinds of damage make sense. */
    public enum Shape { FORM, JSON, MULTIPART, MIME }

    /** A generated body with the Content-Type to send it with (null: none) and what was done to it. */
    public record Body(String family, String contentType, byte[] bytes) {

        /** A short, printable picture of the body for failure messages: escapes, first and last bytes. */
        public String preview() {
            return family + " [" + contentType + "] " + bytes.length + " bytes: " + escape(bytes, 300);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return preview();
        }
    }

    static final String[] FAMILIES = {"valid", "truncated", "mutated", "random-bytes", "invalid-utf8", "cp1251-as-utf8",
            "bom", "nul", "deep-nesting", "huge-number", "repetition", "php-brackets", "multipart-broken", "huge",
            "wrong-content-type", "syntax-oddities"};

    /** Content types a hostile sender may claim. */
    static final String[] CONTENT_TYPES = {null, "", "text/plain", "application/json", "application/json; charset=utf-8",
            "application/json; charset=UTF-16", "application/json; charset=bogus-charset", "application/json; charset=\"\"",
            "application/json; charset=x-IBM1364", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=windows-1251", "application/x-www-form-urlencoded; charset=UTF-32",
            "application/x-www-form-urlencoded; charset=", "application/x-www-form-urlencoded;;;charset==utf-8",
            "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=" + "x".repeat(71), "multipart/form-data; boundary=abc ",
            "multipart/form-data; boundary=\u00e9t\u00e9", "multipart/form-data; boundary=----x; charset=koi8-r",
            "application/merge-patch+json", "message/rfc822", "APPLICATION/JSON", "application/json\u0000",
            "application/x-www-form-urlencoded\r\nX-Injected: 1", "\u00ff\u00fe", "*/*", ";", "a/b; c=\"d"};

    /** Short pieces that break parsers when dropped in at a random place. */
    static final String[] TOKENS = {"%", "%G", "%2", "%%", "%00", "%FF", "%C3", "&", "=", "&&==&", "[", "]", "[]", "][",
            "\"", "\\", "\\u0000", "\\ud800", "\\udfff\"", "\u0000", "\r\n", "\r\n\r\n", "\n.\n", "--", "{", "}", "[[", "]]",
            ",", ":", "null", "NaN", "-Infinity", "1e999999999", "-0", "0x1F", "true", "/*", "//", "#", "=?utf-8?B?", "?=",
            "=?bogus?Q?x?=", "Content-Type: multipart/mixed; boundary=\"b\"\r\n", "\u202e", "\ufeff", "\uffff",
            "<script>", "${jndi:ldap://x}", "{{7*7}}", "'; DROP TABLE lead; --"};

    static final String[] HUGE_NUMBERS = {"1e999999999", "-1e999999999", "1E-2147483648", "1e2147483647",
            "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(400), "0." + "0".repeat(900) + "1",
            "123456789".repeat(100), "-0", "0.0000000000000000000000000000001e-999", "1.7976931348623157E309", "4.9E-325"};

    private HostileInput() {
    }

    /** jqwik arbitrary: bodies made from the template, for a property's {@code @ForAll}. */
    public static Arbitrary<Body> bodies(Shape shape, byte[] template, String contentType) {
        return Arbitraries.randomValue(random -> next(random, shape, template, contentType));
    }

    public static Arbitrary<Body> bodies(Shape shape, String template, String contentType) {
        return bodies(shape, template.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** One body made from the template; the family is chosen at random. */
    public static Body next(Random r, Shape shape, byte[] template, String contentType) {
        String family = FAMILIES[r.nextInt(FAMILIES.length)];
        Body body = make(r, family, shape, template, contentType);
        if (r.nextInt(12) == 0 && !family.equals("wrong-content-type")) {
            // sometimes the Content-Type is wrong as well
            return new Body(family + "+type", pick(r, CONTENT_TYPES), body.bytes());
        }
        return body;
    }

    private static Body make(Random r, String family, Shape shape, byte[] t, String ct) {
        return switch (family) {
            case "valid" -> new Body(family, ct, t);
            case "truncated" -> new Body(family, ct, Arrays.copyOf(t, t.length == 0 ? 0 : r.nextInt(t.length)));
            case "mutated" -> new Body(family, ct, mutate(r, t, 1 + r.nextInt(8)));
            case "random-bytes" -> new Body(family, ct, randomBytes(r, r.nextInt(4) == 0 ? 20_000 : 600));
            case "invalid-utf8" -> new Body(family, ct, insertAll(r, t, INVALID_UTF8[r.nextInt(INVALID_UTF8.length)],
                    1 + r.nextInt(3)));
            case "cp1251-as-utf8" -> new Body(family, ct, cyrillic(r, shape, t));
            case "bom" -> new Body(family, ct, concat(BOMS[r.nextInt(BOMS.length)],
                    r.nextBoolean() ? t : new String(t, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE)));
            case "nul" -> new Body(family, ct, insertAll(r, t, new byte[] {0}, 1 + r.nextInt(5)));
            case "deep-nesting" -> new Body(family, ct, deep(r, shape));
            case "huge-number" -> new Body(family, ct, hugeNumber(r, shape, t));
            case "repetition" -> new Body(family, ct, repetition(r, shape, t));
            case "php-brackets" -> new Body(family, ct, phpBrackets(r, t));
            case "multipart-broken" -> multipart(r);
            case "huge" -> new Body(family, ct, huge(r, t));
            case "wrong-content-type" -> new Body(family, pick(r, CONTENT_TYPES), t);
            default -> new Body(family, ct, oddities(r, shape, t));
        };
    }

    // ------------------------------------------------------------------------------------- pieces

    static final byte[][] INVALID_UTF8 = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            "%C3%28".getBytes(StandardCharsets.US_ASCII), "%ED%A0%80".getBytes(StandardCharsets.US_ASCII)};

    static final byte[][] BOMS = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF},
            {(byte) 0xFF, (byte) 0xFE}, {0, 0, (byte) 0xFE, (byte) 0xFF}, {(byte) 0xEF, (byte) 0xBB}};

    private static final Charset CP1251 = Charset.forName("windows-1251");

    /** Russian text in windows-1251 bytes, claimed (by the template's Content-Type) to be UTF-8. */
    private static byte[] cyrillic(Random r, Shape shape, byte[] t) {
        String words = pick(r, new String[] {"Иван Петров", "Заявка с сайта: перезвоните, пожалуйста", "ООО «Ромашка»",
                "ёЁ№§"});
        String text = new String(t, StandardCharsets.UTF_8);
        if (shape == Shape.FORM) {
            return (text + "&name=" + words + "&message=" + words).getBytes(CP1251);
        }
        if (shape == Shape.JSON && text.startsWith("{") && text.length() > 2) {
            return ("{\"name\":\"" + words + "\"," + text.substring(1)).getBytes(CP1251);
        }
        return (text.replace("a", words)).getBytes(CP1251);
    }

    private static byte[] deep(Random r, Shape shape) {
        int depth = pick(r, new Integer[] {64, 200, 1_001, 5_000, 60_000});
        boolean balanced = r.nextBoolean();
        return switch (shape) {
            case JSON -> {
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                yield (open.repeat(depth) + "1" + (balanced ? close.repeat(depth) : "")).getBytes(StandardCharsets.UTF_8);
            }
            case FORM -> ("data" + "[FIELDS]".repeat(depth) + "[ID]=1&event=ONCRMLEADADD").getBytes(StandardCharsets.UTF_8);
            case MULTIPART -> ("--b\r\nContent-Disposition: form-data; name=\"" + "[".repeat(depth) + "\"\r\n\r\n"
                    + "{".repeat(depth) + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
            case MIME -> nestedMime(Math.min(depth, 2_000));
        };
    }

    private static byte[] nestedMime(int depth) {
        StringBuilder s = new StringBuilder("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            s.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        s.append("Content-Type: text/plain\r\n\r\nhello\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            s.append("--b").append(i).append("--\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeNumber(Random r, Shape shape, byte[] t) {
        String n = pick(r, HUGE_NUMBERS);
        String text = new String(t, StandardCharsets.UTF_8);
        return switch (shape) {
            case JSON -> {
                // replace a number or a string value of the template, or add fields
                String replaced = r.nextBoolean() ? text.replaceFirst(":\\s*-?[0-9][0-9.eE+-]*", ":" + n)
                        : text.replaceFirst(":\\s*\"[^\"]*\"", ":" + n);
                if (replaced.equals(text) || r.nextInt(3) == 0) {
                    yield ("{\"amount\":" + n + ",\"paid_amount\":" + n + ",\"attributes\":{\"x\":" + n
                            + "},\"data\":{\"duration_seconds\":" + n + "}" + (text.startsWith("{") && text.length() > 2
                            ? "," + text.substring(1) : "}")).getBytes(StandardCharsets.UTF_8);
                }
                yield replaced.getBytes(StandardCharsets.UTF_8);
            }
            case FORM -> (text + "&ts=" + n + "&duration=" + n + "&CallDuration=" + n + "&data[FIELDS][ID]=" + n
                    + "&DialCallDuration=" + n).getBytes(StandardCharsets.UTF_8);
            default -> text.replaceFirst("[0-9]+", n).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] repetition(Random r, Shape shape, byte[] t) {
        int n = pick(r, new Integer[] {999, 1_001, 5_000, 30_000});
        return switch (r.nextInt(4)) {
            case 0 -> shape == Shape.JSON
                    ? ("{\"a\":[" + "\"lol\",".repeat(n) + "\"lol\"]}").getBytes(StandardCharsets.UTF_8)
                    : ("a=lol&".repeat(n)).getBytes(StandardCharsets.UTF_8);
            case 1 -> shape == Shape.JSON
                    ? ("{" + repeatKeys(n) + "\"z\":1}").getBytes(StandardCharsets.UTF_8)
                    : (new String(t, StandardCharsets.UTF_8) + "&message=" + "lol".repeat(n * 10)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("x".repeat(pick(r, new Integer[] {199, 200, 201, 5_000})) + (shape == Shape.JSON ? "" : "=1"))
                    .getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] repeated = new byte[Math.min(t.length * 40, 400_000)];
                for (int i = 0; i < repeated.length && t.length > 0; i++) {
                    repeated[i] = t[i % t.length];
                }
                yield repeated;
            }
        };
    }

    private static String repeatKeys(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("\"k").append(i).append("\":\"lol\",");
        }
        return s.toString();
    }

    private static byte[] phpBrackets(Random r, byte[] t) {
        int n = pick(r, new Integer[] {10, 33, 64, 1_000, 10_000});
        String bomb = switch (r.nextInt(8)) {
            case 0 -> "a" + "[]".repeat(n) + "=1";
            case 1 -> "a" + "[".repeat(n) + "=1";
            case 2 -> "a[]=1&".repeat(Math.min(n, 1_500));
            case 3 -> "a[9223372036854775807]=1&a[]=2&a[]=3&a[-1]=4&a[99999999999999999999]=5&a[]=6";
            case 4 -> "data[FIELDS]=x&data[FIELDS][ID]=1&data[FIELDS][ID][]=2&auth[application_token][]=x&auth=1";
            case 5 -> "[]=1&]=2&[=3&a]]]][[[=4&%5B%5D=5&a%5B%5D%5B=6";
            case 6 -> "data%5BFIELDS%5D".repeat(1) + "%5B%5D".repeat(n) + "=7";
            default -> "a" + "[x]".repeat(n) + "=1&b" + "[0]".repeat(n) + "=2";
        };
        return (r.nextBoolean() ? new String(t, StandardCharsets.UTF_8) + "&" + bomb : bomb).getBytes(StandardCharsets.UTF_8);
    }

    /** Multipart bodies with broken boundaries, headers and parts, sent with a matching or lying Content-Type. */
    static Body multipart(Random r) {
        String b = pick(r, new String[] {"b", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "x".repeat(70), "=?", "a b", "--"});
        String ct = r.nextInt(4) == 0 ? pick(r, CONTENT_TYPES) : "multipart/form-data; boundary=\"" + b + "\"";
        String part = "Content-Disposition: form-data; name=\"name\"\r\n\r\nBudi\r\n";
        String body = switch (r.nextInt(12)) {
            case 0 -> "--" + b + "\r\n" + part;                                        // no closing boundary
            case 1 -> "--" + b + "\r\n" + part + "--" + b;                             // closing without --
            case 2 -> "--other\r\n" + part + "--other--\r\n";                          // boundary never appears
            case 3 -> "--" + b + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + b + "--\r\n"; // no disposition
            case 4 -> "--" + b + "\r\n" + "Content-Disposition: form-data; name=\"n\"\r\n" + "--" + b + "--"; // no blank line
            case 5 -> "--" + b + "\n" + part.replace("\r\n", "\n") + "--" + b + "--\n";  // bare LF
            case 6 -> "--" + b + "\r\nContent-Disposition: form-data; name=\"f\"; filename*=bogus''%ZZ%\r\n\r\nx\r\n--" + b + "--";
            case 7 -> "--" + b + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\\\r\n\r\nx\r\n--" + b + "--";
            case 8 -> "--" + b + "\r\nContent-Disposition: form-data; name=\"n\"\r\nContent-Type: text/plain; charset=bogus\r\n\r\n"
                    + "x\r\n--" + b + "--";
            case 9 -> ("--" + b + "\r\n" + part).repeat(1_100) + "--" + b + "--";      // too many parts
            case 10 -> "--" + b + "   \t\r\n" + part + "--" + b + "--\r\n";          // padding after the boundary
            default -> "--" + b + "\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n\u00ff\u00fe" + "--" + b + "--";
        };
        byte[] bytes = body.getBytes(r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new Body("multipart-broken", ct, bytes);
    }

    private static byte[] huge(Random r, byte[] t) {
        int size = pick(r, new Integer[] {256 * 1024 - 1, 256 * 1024 + 1, 300_000, 1_100_000});
        byte[] big = Arrays.copyOf(t, Math.max(size, t.length));
        Arrays.fill(big, t.length, big.length, (byte) (r.nextBoolean() ? ' ' : 'A'));
        return big;
    }

    private static byte[] oddities(Random r, Shape shape, byte[] t) {
        String text = new String(t, StandardCharsets.UTF_8);
        return switch (shape) {
            case JSON -> pick(r, new String[] {"", " ", "null", "[]", "\"x\"", "1", "{}", "{\"a\":1,\"a\":2}", "{\"a\":1} {}",
                    "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":1,}", "{/*c*/\"a\":1}",
                    "{\"" + "k".repeat(300) + "\":1}", "{\"a\":{\"b\":[{\"c\":[[[1]]]}]}}", text + "}", text + "x",
                    "{\"type\":\"call.ended\",\"data\":[]}", "{\"data\":{\"object\":[]},\"id\":{},\"type\":[]}",
                    "{\"contact\":{\"phones\":[{},[],null,1e9]},\"tenant\":[]}"}).getBytes(StandardCharsets.UTF_8);
            case FORM -> pick(r, new String[] {"", "&", "=", "==", "&&&", "a", "a=", "=a", "%", "a=%", "a=%zz", "a=%C3",
                    "+=+", "a=1;b=2", "a=1&a=2&a=3", "%00=%00", text.replace("=", "%3D"), text.replace("&", "%26"),
                    text + "&" + text, "\u0000\u0000"}).getBytes(StandardCharsets.UTF_8);
            case MULTIPART -> multipart(r).bytes();
            case MIME -> pick(r, new String[] {"", "\r\n", "From:\r\n\r\n", "From: <>\r\nReply-To: ,,,\r\nTo: a\r\n\r\nx",
                    "From: =?bogus?Q?x?= <a@b>\r\nSubject: =?utf-8?B?!!!?=\r\n\r\nx",
                    "From: a@b\r\nContent-Type: multipart/mixed\r\n\r\nno boundary",
                    "From: a@b\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n",
                    "From: a@b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=",
                    "From: a@b\r\nContent-Type: text/plain; charset=bogus\r\n\r\nx",
                    "From: a@b\r\nDate: Mon, 99 Foo 99999 99:99:99 +9999\r\n\r\nx",
                    "From: a@b\r\nMessage-ID: <" + "x".repeat(5_000) + ">\r\nIn-Reply-To: " + "<a@b> ".repeat(2_000) + "\r\n\r\nx",
                    "X-Header: " + "a".repeat(100_000) + "\r\n\r\nx",
                    "From: a@b\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d\r\nContent-Type: message/rfc822\r\n\r\n",
                    text.replace("\r\n", "\n"), text.replace("\n", "\r")}).getBytes(StandardCharsets.UTF_8);
        };
    }

    // ------------------------------------------------------------------------------------- helpers

    /** A few random edits: flips, inserts (random bytes or parser-breaking tokens), deletions and duplications. */
    static byte[] mutate(Random r, byte[] t, int edits) {
        List<Byte> bytes = new ArrayList<>(t.length + 64);
        for (byte b : t) {
            bytes.add(b);
        }
        for (int e = 0; e < edits; e++) {
            int at = bytes.isEmpty() ? 0 : r.nextInt(bytes.size());
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, (byte) r.nextInt(256));
                    }
                }
                case 1 -> bytes.add(at, (byte) r.nextInt(256));
                case 2 -> {
                    int n = Math.min(bytes.size() - at, 1 + r.nextInt(16));
                    for (int i = 0; i < n && at < bytes.size(); i++) {
                        bytes.remove(at);
                    }
                }
                case 3 -> {
                    int n = Math.min(bytes.size() - at, 1 + r.nextInt(32));
                    List<Byte> copy = new ArrayList<>(bytes.subList(at, at + n));
                    bytes.addAll(at, copy);
                }
                default -> {
                    byte[] token = pick(r, TOKENS).getBytes(StandardCharsets.UTF_8);
                    for (int i = token.length - 1; i >= 0; i--) {
                        bytes.add(at, token[i]);
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static byte[] insertAll(Random r, byte[] t, byte[] piece, int times) {
        byte[] out = t;
        for (int i = 0; i < times; i++) {
            int at = out.length == 0 ? 0 : r.nextInt(out.length + 1);
            ByteArrayOutputStream s = new ByteArrayOutputStream(out.length + piece.length);
            s.write(out, 0, at);
            s.write(piece, 0, piece.length);
            s.write(out, at, out.length - at);
            out = s.toByteArray();
        }
        return out;
    }

    static byte[] randomBytes(Random r, int max) {
        byte[] bytes = new byte[r.nextInt(max + 1)];
        r.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    /** Printable ASCII as is, everything else escaped; long bodies show their head and tail. */
    public static String escape(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        int head = bytes.length <= max ? bytes.length : max * 2 / 3;
        appendEscaped(s, bytes, 0, head);
        if (bytes.length > max) {
            s.append(" …(").append(bytes.length - max).append(" bytes)… ");
            appendEscaped(s, bytes, bytes.length - (max - head), bytes.length);
        }
        return s.toString();
    }

    private static void appendEscaped(StringBuilder s, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b));
            }
        }
    }
}
