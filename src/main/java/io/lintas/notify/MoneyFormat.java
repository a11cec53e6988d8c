package io.lintas.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Amounts and dates the way a customer reads them: IDR without decimals (Rp150.000), RUB with its
 * sign (150 000,00 ₽), in the notice's language.
 */
public final class MoneyFormat {

    /** Currencies customers never see cents of, whatever ISO 4217 says (IDR has 2 on paper). */
    private static final Set<String> WHOLE_UNITS = Set.of("IDR", "JPY", "KRW", "VND");

    private MoneyFormat() {
    }

    public static Locale locale(String language) {
        return switch (language == null ? "en" : language) {
            case "id" -> Locale.forLanguageTag("id-ID");
            case "ru" -> Locale.forLanguageTag("ru-RU");
            default -> Locale.forLanguageTag("en-US");
        };
    }

    public static String amount(BigDecimal amount, String currency, String language) {
        if (amount == null) {
            return "";
        }
        Currency code = Currency.getInstance(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale(language));
        format.setCurrency(code);
        int digits = WHOLE_UNITS.contains(code.getCurrencyCode()) ? 0 : Math.max(0, code.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount).replaceFirst("^([A-Z]{3})(\\d)", "$1 $2"); // IDR1,500 → IDR 1,500
    }

    /** The due date in words of the language: "1 Desember 2026", "1 декабря 2026 г.", "December 1, 2026". */
    public static String date(LocalDate date, String language) {
        return date == null ? "" : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale(language)));
    }

    /** Short for an SMS: 01.12.2026 (id, ru) or 12/01/2026 (en). */
    public static String shortDate(LocalDate date, String language) {
        if (date == null) {
            return "";
        }
        return date.format(DateTimeFormatter.ofPattern("en".equals(language) ? "MM/dd/yyyy" : "dd.MM.yyyy"));
    }
}
