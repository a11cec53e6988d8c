package io.lintas.lead;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns phone numbers as people type them into E.164 with libphonenumber, using the tenant's default
 * region for numbers written without a country code ("0812-3456-7890" in ID, "8 (912) 345-67-89" in RU).
 * Only numbers libphonenumber considers valid become E.164; everything else is handed back as invalid
 * so the caller can keep it.
 */
public final class PhoneNormalizer {

    /** A field is never looked at beyond this many characters. */
    static final int MAX_FIELD = 1_000;
    /** An invalid entry is handed back capped at this many characters. */
    static final int MAX_INVALID = 200;
    /** Free text is scanned for numbers up to this many characters. */
    static final int MAX_TEXT = 20_000;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Separators between several numbers typed into one field. */
    private static final Pattern SEPARATORS = Pattern.compile("[,;/|\\\\\\n]+");
    private static final Pattern HAS_LETTER = Pattern.compile("\\p{L}");
    private static final Pattern NOT_DIALLABLE = Pattern.compile("[^0-9+]");

    private PhoneNormalizer() {
    }

    /**
     * The outcome of cleaning one phone field.
     *
     * @param valid      valid numbers in E.164, in the order typed, without duplicates
     * @param invalid    the typed parts that held no valid number (or digits besides one), cleaned of
     *                   control characters but otherwise as typed
     * @param extensions extension per E.164 number, when one was typed ("ext 123", "доб. 12")
     */
    public record Parsed(List<String> valid, List<String> invalid, Map<String, String> extensions) {

        public Parsed {
            valid = List.copyOf(valid);
            invalid = List.copyOf(invalid);
            extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }
    }

    /**
     * The first valid number in {@code raw}, in E.164.
     *
     * @param raw           a phone number as typed, possibly with junk ("tel: ", "WA ", trailing text)
     * @param defaultRegion ISO 3166 region for numbers without a country code ("ID", "RU"); null means
     *                      only numbers with a leading + can be understood
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).valid().stream().findFirst();
    }

    /** Every valid number in a field that may hold several ("0812… / 0813…"), in E.164. */
    public static List<String> splitAndNormalize(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).valid();
    }

    /**
     * Cleans one phone field: splits it on , ; / | and newlines, finds the numbers in each part and
     * reports the parts that held no valid number.
     */
    public static Parsed parse(String raw, String defaultRegion) {
        Accumulator acc = new Accumulator();
        acc.addField(raw, region(defaultRegion));
        return acc.result();
    }

    /**
     * Cleans several phone fields at once; numbers are deduplicated across all of them, in order.
     */
    public static Parsed parseAll(List<String> raws, String defaultRegion) {
        Accumulator acc = new Accumulator();
        String region = region(defaultRegion);
        if (raws != null) {
            for (String raw : raws) {
                acc.addField(raw, region);
            }
        }
        return acc.result();
    }

    /**
     * Finds the valid phone numbers inside free text (an email signature, a message), in E.164, in
     * order of appearance, without duplicates.
     */
    public static List<String> extractAll(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String region = region(defaultRegion);
        LinkedHashSet<String> found = new LinkedHashSet<>();
        String scanned = Text.cap(text, MAX_TEXT);
        for (PhoneNumberMatch match : UTIL.findNumbers(scanned, region, Leniency.VALID, Long.MAX_VALUE)) {
            found.add(UTIL.format(match.number(), PhoneNumberFormat.E164));
        }
        return List.copyOf(found);
    }

    private static String region(String defaultRegion) {
        return defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.strip().toUpperCase(Locale.ROOT);
    }

    private static final class Accumulator {
        private final LinkedHashSet<String> valid = new LinkedHashSet<>();
        private final LinkedHashSet<String> invalid = new LinkedHashSet<>();
        private final Map<String, String> extensions = new LinkedHashMap<>();

        void addField(String raw, String region) {
            String field = Text.line(raw == null ? null : raw.replace('\n', ';'), MAX_FIELD);
            if (field == null) {
                return;
            }
            for (String part : SEPARATORS.split(field)) {
                String cleaned = Text.line(part, MAX_FIELD);
                if (cleaned != null) {
                    addPart(cleaned, region);
                }
            }
        }

        private void addPart(String part, String region) {
            StringBuilder leftover = new StringBuilder(part);
            boolean any = false;
            for (PhoneNumberMatch match : UTIL.findNumbers(part, region, Leniency.VALID, Long.MAX_VALUE)) {
                any = true;
                accept(match.number());
                for (int i = match.start(); i < match.end(); i++) {
                    leftover.setCharAt(i, ' ');
                }
            }
            if (any) {
                if (leftover.chars().anyMatch(Character::isDigit)) {
                    invalid.add(Text.cap(part, MAX_INVALID)); // digits we could not place: keep them
                }
                return;
            }
            if (!HAS_LETTER.matcher(part).find() && acceptDigitsOnly(part, region)) {
                return; // odd punctuation ("0812_3456_7890") that the matcher does not accept
            }
            invalid.add(Text.cap(part, MAX_INVALID));
        }

        private boolean acceptDigitsOnly(String part, String region) {
            String digits = NOT_DIALLABLE.matcher(part).replaceAll("");
            if (digits.lastIndexOf('+') > 0) {
                return false;
            }
            try {
                PhoneNumber number = UTIL.parse(digits, region);
                if (UTIL.isValidNumber(number)) {
                    accept(number);
                    return true;
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // not a number at all: reported as invalid by the caller
            }
            return false;
        }

        private void accept(PhoneNumber number) {
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            valid.add(e164);
            if (number.hasExtension() && !number.getExtension().isEmpty()) {
                extensions.putIfAbsent(e164, number.getExtension());
            }
        }

        Parsed result() {
            return new Parsed(new ArrayList<>(valid), new ArrayList<>(invalid), extensions);
        }
    }
}
