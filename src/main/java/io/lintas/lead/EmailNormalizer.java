package io.lintas.lead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cleans email addresses as people and mail clients write them ({@code "Ivan <IVAN@X.RU>"},
 * {@code mailto:ivan@x.ru}) into a trimmed, lower-cased address, with a pragmatic validity check:
 * one @, a non-empty local part, a dotted domain, no spaces, at most 254 characters.
 */
public final class EmailNormalizer {

    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL = 64;
    /** A field is never looked at beyond this many characters. */
    static final int MAX_FIELD = 2_000;
    /** An invalid entry is handed back capped at this many characters. */
    static final int MAX_INVALID = 300;

    /** Local part: anything printable except what cannot appear unquoted in an address. */
    private static final Pattern LOCAL = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+");
    /** Domain: dot-separated labels of letters/digits/hyphens (unicode letters allowed), a 2+ letter TLD. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})");
    private static final Pattern MAILTO = Pattern.compile("(?i)^mailto:");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern NAMED_LIST_SEPARATORS = Pattern.compile("[,;]+");

    private EmailNormalizer() {
    }

    /**
     * The outcome of cleaning one or more email fields.
     *
     * @param valid   valid addresses, lower-cased, in order, without duplicates
     * @param invalid what could not be read as an address, cleaned of control characters
     */
    public record Parsed(List<String> valid, List<String> invalid) {

        public Parsed {
            valid = List.copyOf(valid);
            invalid = List.copyOf(invalid);
        }
    }

    /**
     * One address, cleaned.
     *
     * @param raw an address as typed: may carry "mailto:", angle brackets and a display name
     * @return the lower-cased address, or empty when it is not a plausible address
     */
    public static Optional<String> normalize(String raw) {
        String s = Text.line(raw, MAX_FIELD);
        if (s == null) {
            return Optional.empty();
        }
        int open = s.lastIndexOf('<');
        if (open >= 0) {
            int close = s.indexOf('>', open);
            if (close < 0) {
                return Optional.empty();
            }
            s = s.substring(open + 1, close).strip();
        }
        s = MAILTO.matcher(s).replaceFirst("");
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query); // mailto:x@y.z?subject=...
        }
        s = s.strip().toLowerCase(Locale.ROOT);
        return isValid(s) ? Optional.of(s) : Optional.empty();
    }

    /**
     * Cleans email fields; a field holding several addresses ("a@x.ru, b@y.ru") yields each of them.
     * Addresses are deduplicated across all fields, in order.
     */
    public static Parsed parseAll(List<String> raws) {
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        LinkedHashSet<String> invalid = new LinkedHashSet<>();
        if (raws != null) {
            for (String raw : raws) {
                String field = Text.line(raw, MAX_FIELD);
                if (field == null) {
                    continue;
                }
                for (String part : split(field)) {
                    normalize(part).ifPresentOrElse(valid::add, () -> invalid.add(Text.cap(part, MAX_INVALID)));
                }
            }
        }
        return new Parsed(new ArrayList<>(valid), new ArrayList<>(invalid));
    }

    /** A field with more than one @ is a list; one with a single @ may have a display name with spaces. */
    private static List<String> split(String field) {
        if (field.indexOf('@') == field.lastIndexOf('@')) {
            return List.of(field);
        }
        // "Ivan <a@x.ru>, Petr <b@y.ru>": display names hold spaces, so only , and ; separate them
        Pattern separators = field.contains("<") ? NAMED_LIST_SEPARATORS : LIST_SEPARATORS;
        List<String> parts = new ArrayList<>();
        for (String part : separators.split(field)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static boolean isValid(String s) {
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return false;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        return LOCAL.matcher(local).matches() && DOMAIN.matcher(domain).matches();
    }
}
