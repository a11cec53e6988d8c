package io.lintas.lead;

import java.util.List;

/**
 * An order as the sender gave it, not yet cleaned: amounts as typed ("Rp 150.000", "1 500,50"), the currency as
 * typed. A form gives at most one line (product, quantity, price or amount); the lead API gives its items.
 *
 * @param currency    ISO 4217 code as typed, or null (the tenant's currency)
 * @param items       the lines; at least one
 * @param description what the order is for, or null
 * @param typed       true: amounts as people type them (a form); false: plain decimals ("1.500" is one and a half)
 */
public record RawOrder(String currency, List<Item> items, String description, boolean typed) {

    public RawOrder {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** An order a person typed into a form. */
    public static RawOrder typed(String currency, List<Item> items, String description) {
        return new RawOrder(currency, items, description, true);
    }

    /** An order whose amounts are plain decimals (the lead API's JSON numbers). */
    public static RawOrder exact(String currency, List<Item> items, String description) {
        return new RawOrder(currency, items, description, false);
    }

    /**
     * One line as typed.
     *
     * @param name     product or service, or null ("Order")
     * @param quantity how many, or null (1)
     * @param price    the price of one, as typed
     */
    public record Item(String name, String quantity, String price) {
    }
}
