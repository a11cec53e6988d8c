package io.lintas.lead;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a consent field ("on", "yes", "ya", "да", "false", "tidak", …) as true, false or unknown.
 * An unknown value yields null; the caller keeps the original in the lead's attributes.
 */
public final class ConsentParser {

    private static final Set<String> YES = Set.of(
            "on", "yes", "y", "true", "1", "agree", "agreed", "accepted", "accept", "checked",
            "ya", "setuju", "да", "согласен", "согласна");
    private static final Set<String> NO = Set.of(
            "no", "n", "false", "0", "off", "unchecked", "declined",
            "tidak", "tidak setuju", "нет", "не согласен", "не согласна");

    private ConsentParser() {
    }

    /**
     * @param raw the consent field as given, or null
     * @return true or false when the value is recognised, null when it is absent, blank or unknown
     */
    public static Boolean parse(String raw) {
        String v = Text.line(raw, 100);
        if (v == null) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        if (YES.contains(v)) {
            return Boolean.TRUE;
        }
        if (NO.contains(v)) {
            return Boolean.FALSE;
        }
        return null;
    }
}
