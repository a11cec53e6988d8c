package io.lintas.lead;

/**
 * String hygiene shared by the normalisers: strips control characters, collapses whitespace and caps
 * length so that hostile input cannot blow up storage or smuggle invisible characters.
 */
final class Text {

    private Text() {
    }

    /**
     * A one-line value (name, company, utm tag, phone or email as typed): newlines, tabs and other
     * whitespace become one space, runs of whitespace collapse, other control characters are removed;
     * trimmed; capped at {@code max} characters.
     *
     * @return the cleaned value, or null when nothing is left
     */
    static String line(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 16));
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isWhitespaceLike(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (isDropped(s, i)) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            if (out.length() > max + 1) {
                break;
            }
        }
        return emptyToNull(cap(out.toString(), max).strip());
    }

    /**
     * A multi-line value (message, attribute value): CR LF and lone CR become LF; control characters
     * other than LF and TAB are removed; trimmed; capped at {@code max} characters.
     *
     * @return the cleaned value, or null when nothing is left
     */
    static String block(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 16));
        for (int i = 0; i < s.length() && out.length() <= max + 1; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t' || !isDropped(s, i)) {
                out.append(c);
            }
        }
        return emptyToNull(cap(out.toString().strip(), max).strip());
    }

    /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isWhitespaceLike(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Control characters, BOM, zero-width space, bidi overrides and lone surrogates. */
    private static boolean isDropped(String s, int i) {
        char c = s.charAt(i);
        if (Character.getType(c) == Character.CONTROL) {
            return true;
        }
        if (c == '\uFEFF' || c == '\u200B' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
