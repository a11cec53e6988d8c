package io.lintas.lead;

import java.util.regex.Pattern;

/**
 * Masks personal data in text bound for logs, error reasons and dead-letter listings:
 * phone-like digit runs keep their last three digits, emails keep their domain.
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@([\\p{L}0-9.-]+\\.[\\p{L}]{2,})");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()\\-.]{5,}\\d(\\d{3})\\b");

    private Redaction() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll("***@$1");
        return PHONE.matcher(masked).replaceAll("***$1");
    }
}
