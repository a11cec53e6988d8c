package io.lintas.lead;

import java.util.Locale;

/**
 * Splits a person's name into first and last name the way people type it, keeping what they typed:
 * whitespace is trimmed and collapsed, nothing is re-cased.
 * <ul>
 *   <li>"Ivan Ivanov" → first Ivan, last Ivanov; "Budi" → first Budi only;</li>
 *   <li>"Jan van der Berg" → first Jan, last "van der Berg" (first word, then the rest);</li>
 *   <li>Russian order with a patronymic, "Иванов Иван Иванович" → first Иван, last Иванов;
 *       "Иван Иванович Иванов" → first Иван, last Иванов;</li>
 *   <li>first and last given separately are kept, and the full name is built from them when absent.</li>
 * </ul>
 */
public final class NameSplitter {

    /** Names are capped at this many characters. */
    static final int MAX_NAME = 200;

    private static final String[] CYRILLIC_PATRONYMIC = {"вич", "вна", "ична", "ич"};
    private static final String[] LATIN_PATRONYMIC = {"vich", "vna"};

    private NameSplitter() {
    }

    /**
     * A cleaned name; each part may be null.
     *
     * @param fullName  the whole name
     * @param firstName the given name
     * @param lastName  the family name
     */
    public record Name(String fullName, String firstName, String lastName) {
    }

    /** Splits a full name typed in one field. */
    public static Name split(String fullName) {
        return split(fullName, null, null);
    }

    /**
     * Cleans a name given as a full name, as separate first/last names, or both. Separate first/last
     * names win over what the full name would give; a missing one is taken from the full name.
     */
    public static Name split(String fullName, String firstName, String lastName) {
        String full = Text.line(fullName, MAX_NAME);
        String first = Text.line(firstName, MAX_NAME);
        String last = Text.line(lastName, MAX_NAME);
        if (full != null && (first == null || last == null)) {
            String[] fromFull = splitFull(full);
            if (first == null && last == null) {
                first = fromFull[0];
                last = fromFull[1];
            } else if (first == null && !full.equals(last)) {
                first = fromFull[0];
            } else if (last == null && !full.equals(first)) {
                last = fromFull[1];
            }
        }
        if (full == null && (first != null || last != null)) {
            full = Text.line(first == null ? last : last == null ? first : first + " " + last, MAX_NAME);
        }
        return new Name(full, first, last);
    }

    /** {first, last} from a cleaned full name; either may be null. */
    private static String[] splitFull(String full) {
        String[] t = full.split(" ");
        if (t.length == 1) {
            return new String[] {t[0], null};
        }
        if (t.length == 3 && isPatronymic(t[2])) {
            return new String[] {t[1], t[0]}; // Иванов Иван Иванович
        }
        if (t.length == 3 && isPatronymic(t[1])) {
            return new String[] {t[0], t[2]}; // Иван Иванович Иванов
        }
        return new String[] {t[0], full.substring(t[0].length() + 1)};
    }

    static boolean isPatronymic(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() < 4) {
            return false;
        }
        for (String ending : CYRILLIC_PATRONYMIC) {
            if (w.endsWith(ending)) {
                return true;
            }
        }
        for (String ending : LATIN_PATRONYMIC) {
            if (w.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }
}
