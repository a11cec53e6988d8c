package io.lintas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeRejected;
import io.lintas.tenant.BillingConfig;
import io.lintas.tenant.Tenant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoiceRequestsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final BillingConfig XENDIT = new BillingConfig("xendit", "https://api.xendit.co", "k", "t", null, List.of("BCA"), 3, 1,
            "id", Duration.ofSeconds(20), "C1:INVOICE", "C1:WON", true, false);
    static final Tenant ACME = new Tenant("acme", "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of(),
            List.of(), null, null, null, null, null, null, null, null, null, XENDIT);

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anApiOrderBecomesARequestWithNormalisedContacts() throws Exception {
        InvoiceRequest r = InvoiceRequests.fromApi(ACME, json("""
                {"tenant":"acme","requestKey":"order-77","dealId":"8812","dueDate":"2026-12-01",
                 "customer":{"name":"Budi","email":"Budi@Example.CO.ID","phone":"0812 3456 7890"},
                 "items":[{"name":"Paket A","quantity":2,"price":75000.5},{"name":"Ongkir","price":10000}]}
                """), "01JQ7Z8X9Y0ABCDEFGHJKMNPQR");
        assertThat(r.requestKey()).isEqualTo("api:order-77");
        assertThat(r.currency()).isEqualTo("IDR");
        assertThat(r.dueDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(r.customer().email()).isEqualTo("budi@example.co.id");
        assertThat(r.customer().phone()).isEqualTo("+6281234567890");
        assertThat(r.customer().language()).isEqualTo("id");
        assertThat(r.amount()).isEqualByComparingTo("160001");
        assertThat(r.dealId()).isEqualTo("8812");
    }

    @Test
    void everyProblemIsNamedInOne422() throws Exception {
        assertThatThrownBy(() -> InvoiceRequests.fromApi(ACME, json("""
                {"currency":"XXXX","dueDate":"tomorrow","customer":{"email":"nope","language":"fr"},
                 "items":[{"name":"","quantity":0,"price":-1}]}
                """), "id"))
                .isInstanceOfSatisfying(IntakeRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.reason()).contains("currency", "dueDate", "customer.email", "customer.language",
                            "items[0].name", "items[0].quantity", "items[0].price");
                });
        assertThatThrownBy(() -> InvoiceRequests.fromApi(ACME, json("""
                {"customer":{"name":"No contact"},"items":[{"name":"A","price":1}]}"""), "id"))
                .hasMessageContaining("an email or a phone is required");
        assertThatThrownBy(() -> InvoiceRequests.fromApi(ACME, json("""
                {"customer":{"email":"a@b.co"},"items":[{"name":"A","price":0}]}"""), "id"))
                .hasMessageContaining("above zero");
    }

    @Test
    void aDealInTheInvoiceStageIsBilledByItsProductRowsOnce() throws Exception {
        JsonNode deal = json("{\"ID\":\"8812\",\"TITLE\":\"Deal #8812\",\"CURRENCY_ID\":\"IDR\",\"OPPORTUNITY\":\"150000.00\","
                + "\"STAGE_ID\":\"C1:INVOICE\"}");
        JsonNode rows = json("[{\"PRODUCT_NAME\":\"Paket Hemat\",\"PRICE\":\"50000.00\",\"QUANTITY\":\"2.00\"},"
                + "{\"PRODUCT_NAME\":\"Ongkir\",\"PRICE\":\"50000.00\",\"QUANTITY\":\"1.00\"}]");
        InvoiceRequest r = InvoiceRequests.fromDeal(ACME, deal, rows, new Customer("Budi", null, "+6281234567890", null), "inv-1");
        assertThat(r.requestKey()).isEqualTo("deal:8812");
        assertThat(r.lines()).extracting(InvoiceLine::name).containsExactly("Paket Hemat", "Ongkir");
        assertThat(r.amount()).isEqualByComparingTo("150000");
        assertThat(r.customer().language()).isEqualTo("id");

        InvoiceRequest noRows = InvoiceRequests.fromDeal(ACME, deal, JSON.createArrayNode(), new Customer("B", "b@x.co", null, "en"), "inv-2");
        assertThat(noRows.lines()).singleElement().satisfies(l -> assertThat(l.total()).isEqualByComparingTo("150000"));
        assertThat(noRows.requestKey()).isEqualTo("deal:8812");

        assertThatThrownBy(() -> InvoiceRequests.fromDeal(ACME, json("{\"ID\":\"9\",\"OPPORTUNITY\":\"0\"}"), null,
                new Customer("B", "b@x.co", null, null), "inv-3")).hasMessageContaining("neither product rows");
    }

    @Test
    void aLeadsOrderIsBilledToItsContactUnderTheLeadsKeyInTheTenantsCurrency() {
        io.lintas.lead.Lead lead = new io.lintas.lead.Lead("01JDLEAD00000000000000000A", "acme", io.lintas.lead.Channel.API, "api",
                "ext-1", java.time.Instant.parse("2026-11-26T01:00:00Z"),
                new io.lintas.lead.Contact("Budi Santoso", "Budi", "Santoso", List.of("+6281234567890"),
                        List.of("budi@example.co.id"), null), null, null, null, Map.of(), "ledger:payload/x",
                new io.lintas.lead.Order(null, List.of(new io.lintas.lead.Order.Item("Paket Hemat", new java.math.BigDecimal("2"),
                        new java.math.BigDecimal("75000"))), null));
        InvoiceRequest r = InvoiceRequests.fromLead(ACME, lead, "8812", "inv-9").orElseThrow();
        assertThat(r.requestKey()).isEqualTo("lead:01JDLEAD00000000000000000A");
        assertThat(r.leadId()).isEqualTo("01JDLEAD00000000000000000A");
        assertThat(r.dealId()).isEqualTo("8812");
        assertThat(r.currency()).isEqualTo("IDR");
        assertThat(r.customer()).isEqualTo(new Customer("Budi Santoso", "budi@example.co.id", "+6281234567890", "id"));
        assertThat(r.lines()).containsExactly(new InvoiceLine("Paket Hemat", new java.math.BigDecimal("2"), new java.math.BigDecimal("75000")));
        assertThat(r.amount()).isEqualByComparingTo("150000");

        io.lintas.lead.Lead messageOnly = new io.lintas.lead.Lead(lead.id(), "acme", lead.channel(), "api", null, lead.receivedAt(),
                new io.lintas.lead.Contact("Budi", null, null, List.of(), List.of(), null), "call me", null, null, Map.of(), null,
                lead.order());
        assertThat(InvoiceRequests.fromLead(ACME, messageOnly, null, "inv-10")).as("nobody to send it to").isEmpty();
        assertThat(InvoiceRequests.payable(messageOnly)).isFalse();
    }
}
