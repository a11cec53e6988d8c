package io.lintas.lead;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Cleans a {@link RawOrder}: amounts as people type them ("Rp 150.000", "1 500,50 ₽", "150,000.00"), an ISO 4217
 * currency, names cut to length. An order that cannot be billed as given (no price, a total of zero, an unknown
 * currency) is not guessed at: {@link Result#problem()} says why and the lead goes on without an order.
 */
public final class OrderCleaner {

    static final int MAX_ITEMS = 100;
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 500;
    /** Larger amounts are typing errors, not orders. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private OrderCleaner() {
    }

    /** The cleaned order, or the reason there is none. Exactly one of the two is non-null. */
    public record Result(Order order, String problem) {
    }

    public static Result clean(RawOrder raw) {
        if (raw == null) {
            return new Result(null, null);
        }
        List<String> problems = new ArrayList<>();
        String currency = null;
        if (raw.currency() != null && !raw.currency().isBlank()) {
            currency = raw.currency().strip().toUpperCase(Locale.ROOT);
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                problems.add("currency is not an ISO 4217 code");
            }
        }
        if (raw.items().isEmpty()) {
            problems.add("no items");
        } else if (raw.items().size() > MAX_ITEMS) {
            problems.add("more than " + MAX_ITEMS + " items");
        }
        List<Order.Item> items = new ArrayList<>();
        for (int i = 0; i < Math.min(raw.items().size(), MAX_ITEMS); i++) {
            RawOrder.Item item = raw.items().get(i);
            String where = raw.items().size() == 1 ? "" : "item " + (i + 1) + ": ";
            BigDecimal quantity = item.quantity() == null || item.quantity().isBlank() ? BigDecimal.ONE
                    : raw.typed() ? amount(item.quantity()) : exact(item.quantity());
            BigDecimal price = raw.typed() ? amount(item.price()) : exact(item.price());
            if (quantity == null || quantity.signum() <= 0) {
                problems.add(where + "quantity is not a number above zero");
            }
            if (price == null) {
                problems.add(where + "price is not an amount");
            }
            if (quantity != null && price != null && quantity.signum() > 0) {
                String name = Text.line(item.name(), MAX_NAME);
                items.add(new Order.Item(name == null || name.isBlank() ? "Order" : name, quantity, price));
            }
        }
        if (problems.isEmpty()) {
            Order order = new Order(currency, items, Text.line(raw.description(), MAX_DESCRIPTION));
            if (order.total().signum() <= 0) {
                problems.add("the total is zero");
            } else if (order.total().compareTo(MAX_AMOUNT) > 0) {
                problems.add("the total is implausibly large");
            } else {
                return new Result(order, null);
            }
        }
        return new Result(null, String.join("; ", problems));
    }

    private static String trimMarks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '.' || s.charAt(from) == ',')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '.' || s.charAt(to - 1) == ',')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static BigDecimal exact(String decimal) {
        try {
            BigDecimal value = decimal == null ? null : new BigDecimal(decimal.strip());
            return value == null || value.signum() < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An amount as typed, or null when it is none (or negative). Letters and currency signs are dropped; spaces and
     * apostrophes group thousands; with both '.' and ',' the later one is the decimal mark; a single mark followed by
     * exactly three digits groups thousands ("150.000" is 150000), otherwise it is the decimal mark; a trailing ",-"
     * means no cents.
     */
    public static BigDecimal amount(String typed) {
        if (typed == null) {
            return null;
        }
        String t = typed.strip();
        if (t.endsWith(",-") || t.endsWith(".-")) {
            t = t.substring(0, t.length() - 2);
        }
        if (t.startsWith("-") || t.startsWith("−")) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
                kept.append(c);
            }
        }
        String s = trimMarks(kept.toString());              // "1 500 руб." → "1500"
        if (s.chars().noneMatch(Character::isDigit) || s.length() > 40) {
            return null;
        }
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        String plain;
        if (dot >= 0 && comma >= 0) {
            char decimal = dot > comma ? '.' : ',';
            char group = decimal == '.' ? ',' : '.';
            plain = s.replace(String.valueOf(group), "").replace(decimal, '.');
        } else if (dot >= 0 || comma >= 0) {
            char mark = dot >= 0 ? '.' : ',';
            int count = (int) s.chars().filter(c -> c == mark).count();
            int after = s.length() - s.lastIndexOf(mark) - 1;
            plain = count > 1 || after == 3 ? s.replace(String.valueOf(mark), "") : s.replace(mark, '.');
        } else {
            plain = s;
        }
        if (plain.indexOf('.') != plain.lastIndexOf('.') || plain.startsWith(".") || plain.endsWith(".")) {
            return null;
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
