package io.lintas.connector.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/** Amounts as each provider wants them. */
final class Amounts {

    /** Currencies without minor units at Stripe (and IDR at Xendit and Midtrans: whole rupiah). */
    private static final Set<String> STRIPE_ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    private Amounts() {
    }

    /** Xendit and Midtrans: IDR in whole rupiah (decimals truncated, as Xendit does), others as given. */
    static BigDecimal plain(BigDecimal amount, String currency) {
        if ("IDR".equalsIgnoreCase(currency)) {
            return amount.setScale(0, RoundingMode.DOWN);
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Stripe: the amount in the currency's smallest unit. */
    static long stripeMinor(BigDecimal amount, String currency) {
        int digits = STRIPE_ZERO_DECIMAL.contains(currency.toUpperCase(Locale.ROOT)) ? 0 : 2;
        return amount.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Stripe: the smallest unit back to the amount. */
    static BigDecimal stripeMajor(long minor, String currency) {
        int digits = STRIPE_ZERO_DECIMAL.contains(currency.toUpperCase(Locale.ROOT)) ? 0 : 2;
        return BigDecimal.valueOf(minor).movePointLeft(digits);
    }
}
