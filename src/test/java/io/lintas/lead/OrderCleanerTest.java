package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderCleanerTest {

    @Test
    void amountsAsPeopleTypeThemInIndonesiaRussiaAndEnglish() {
        assertThat(OrderCleaner.amount("Rp 150.000")).isEqualByComparingTo("150000");
        assertThat(OrderCleaner.amount("Rp150.000,-")).isEqualByComparingTo("150000");
        assertThat(OrderCleaner.amount("1.500.000")).isEqualByComparingTo("1500000");
        assertThat(OrderCleaner.amount("1 500,50 ₽")).isEqualByComparingTo("1500.50");
        assertThat(OrderCleaner.amount("1\u00a0500 руб.")).isEqualByComparingTo("1500");
        assertThat(OrderCleaner.amount("$1,234.56")).isEqualByComparingTo("1234.56");
        assertThat(OrderCleaner.amount("1.234,56")).isEqualByComparingTo("1234.56");
        assertThat(OrderCleaner.amount("12.50")).isEqualByComparingTo("12.50");
        assertThat(OrderCleaner.amount("99,9")).isEqualByComparingTo("99.9");
        assertThat(OrderCleaner.amount("150000")).isEqualByComparingTo("150000");
    }

    @Test
    void whatIsNoAmountIsNotGuessedAt() {
        assertThat(OrderCleaner.amount(null)).isNull();
        assertThat(OrderCleaner.amount("free")).isNull();
        assertThat(OrderCleaner.amount("-150000")).isNull();
        assertThat(OrderCleaner.amount("1.2.3,4,5")).isNull();
        assertThat(OrderCleaner.amount("9".repeat(60))).isNull();
    }

    @Test
    void aTypedOrderBecomesExactLinesWithTheCurrencyUpperCased() {
        OrderCleaner.Result result = OrderCleaner.clean(RawOrder.typed("idr",
                List.of(new RawOrder.Item("Paket Hemat", "2", "Rp 50.000"), new RawOrder.Item(" ", null, "50.000")), null));
        assertThat(result.problem()).isNull();
        assertThat(result.order().currency()).isEqualTo("IDR");
        assertThat(result.order().items()).containsExactly(
                new Order.Item("Paket Hemat", new BigDecimal("2"), new BigDecimal("50000")),
                new Order.Item("Order", BigDecimal.ONE, new BigDecimal("50000")));
        assertThat(result.order().total()).isEqualByComparingTo("150000");
    }

    @Test
    void theLeadApisNumbersArePlainDecimals() {
        Order order = OrderCleaner.clean(RawOrder.exact(null, List.of(new RawOrder.Item("Kopi", "1.500", "10.000")), "x"))
                .order();
        assertThat(order.items().get(0).quantity()).isEqualByComparingTo("1.5");
        assertThat(order.items().get(0).price()).isEqualByComparingTo("10");
        assertThat(order.currency()).isNull();
        assertThat(order.description()).isEqualTo("x");
    }

    @Test
    void anOrderThatCannotBeBilledSaysWhy() {
        assertThat(OrderCleaner.clean(null)).isEqualTo(new OrderCleaner.Result(null, null));
        assertThat(OrderCleaner.clean(RawOrder.typed("rupiah", List.of(new RawOrder.Item("A", null, "1000")), null)).problem())
                .isEqualTo("currency is not an ISO 4217 code");
        assertThat(OrderCleaner.clean(RawOrder.typed(null, List.of(new RawOrder.Item("A", "0", "free")), null)).problem())
                .isEqualTo("quantity is not a number above zero; price is not an amount");
        assertThat(OrderCleaner.clean(RawOrder.typed(null, List.of(new RawOrder.Item("A", "1", "0")), null)).problem())
                .isEqualTo("the total is zero");
        assertThat(OrderCleaner.clean(RawOrder.typed(null, List.of(), null)).problem()).isEqualTo("no items");
        assertThat(OrderCleaner.clean(RawOrder.typed(null, List.of(new RawOrder.Item("A", null, "1000"),
                new RawOrder.Item("B", null, "x")), null)).problem()).isEqualTo("item 2: price is not an amount");
    }
}
