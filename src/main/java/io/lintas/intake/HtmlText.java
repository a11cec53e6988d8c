package io.lintas.intake;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML mail body into readable text: scripts, styles and comments go, block elements
 * (p, div, br, li, tr, headings) become line breaks, links keep their target when it differs from
 * their text, entities are decoded, and runs of blank lines collapse. Good enough for a person to
 * read a lead; not a renderer.
 */
final class HtmlText {

    private static final Pattern DROPPED = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|head|title|noscript)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)</?(p|div|tr|table|h[1-6]|blockquote|pre|ul|ol|section|article|header|footer|address|hr)\\b[^>]*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern CELL = Pattern.compile("(?i)</t[dh]\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("hellip", "…"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("euro", "€"), Map.entry("bull", "•"),
            Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"),
            Map.entry("middot", "·"), Map.entry("deg", "°"), Map.entry("times", "×"), Map.entry("shy", ""));

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return null;
        }
        String s = DROPPED.matcher(html).replaceAll(" ");
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(link(m.group(2), m.group(3))));
        s = s.replaceAll("[\\r\\n\\t]+", " ");                    // source line breaks are not text breaks
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = LIST_ITEM.matcher(s).replaceAll("\n- ");
        s = CELL.matcher(s).replaceAll(" ");
        s = BLOCK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s);
        StringBuilder out = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String trimmed = line.replaceAll("[ \\u00A0]+", " ").strip();
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blank = 0;
        }
        return out.toString();
    }

    /** The charset a {@code <meta>} tag declares, or null. */
    static String declaredCharset(String htmlAsLatin1) {
        Matcher m = META_CHARSET.matcher(htmlAsLatin1.length() > 4096 ? htmlAsLatin1.substring(0, 4096) : htmlAsLatin1);
        return m.find() ? m.group(1) : null;
    }

    private static String link(String href, String inner) {
        String text = TAG.matcher(inner).replaceAll("").strip();
        String target = decodeEntities(href).strip();
        if (target.regionMatches(true, 0, "mailto:", 0, 7) || target.regionMatches(true, 0, "tel:", 0, 4)) {
            target = target.substring(target.indexOf(':') + 1);
        }
        if (text.isEmpty()) {
            return target;
        }
        return decodeEntities(text).equalsIgnoreCase(target) || target.isEmpty() || target.startsWith("#")
                ? text : text + " (" + target + ")";
    }

    static String decodeEntities(String s) {
        return ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1), m.group())));
    }

    private static String entity(String name, String whole) {
        if (name.startsWith("#")) {
            try {
                int code = name.charAt(1) == 'x' || name.charAt(1) == 'X'
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "";
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        String decoded = ENTITIES.get(name);
        if (decoded == null) {
            decoded = ENTITIES.get(name.toLowerCase(Locale.ROOT));
        }
        return decoded == null ? whole : decoded;
    }
}
