package io.lintas.billing;

import java.math.BigDecimal;

/** One line of an invoice: what, how many, at what unit price. */
public record InvoiceLine(String name, BigDecimal quantity, BigDecimal unitPrice) {

    public BigDecimal total() {
        return quantity.multiply(unitPrice);
    }
}
