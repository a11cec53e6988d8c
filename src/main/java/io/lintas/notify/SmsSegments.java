package io.lintas.notify;

/**
 * How many characters fit one SMS: 160 GSM-7 septets (characters of the extension table take two),
 * or 70 UTF-16 units when any character is outside GSM-7 (UCS-2), as the GSM 03.38 alphabet says.
 */
public final class SmsSegments {

    public static final int GSM7_SINGLE = 160;
    public static final int UCS2_SINGLE = 70;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
    }

    /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
    public static int length(String text) {
        if (!isGsm7(text)) {
            return text.length();
        }
        return text.chars().map(c -> EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    public static boolean fitsOne(String text) {
        return length(text) <= (isGsm7(text) ? GSM7_SINGLE : UCS2_SINGLE);
    }

    /** Spaces a number formatter puts in (no-break, narrow no-break) are plain spaces in an SMS: they are not GSM-7. */
    public static String plainSpaces(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2009', ' ');
    }
}
