package io.lintas.lead;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a lead asks to buy, cleaned: the lines with exact amounts. A tenant with billing invoices it once the lead
 * is in the CRM (docs/billing.md).
 *
 * @param currency    ISO 4217 code, or null: the tenant's currency
 * @param items       at least one line; the total is above zero
 * @param description what the order is for, or null
 */
public record Order(String currency, List<Item> items, String description) {

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One line: {@code quantity} × {@code price}. */
    public record Item(String name, BigDecimal quantity, BigDecimal price) {

        public BigDecimal total() {
            return quantity.multiply(price);
        }
    }

    public BigDecimal total() {
        return items.stream().map(Item::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
