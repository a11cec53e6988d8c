package io.lintas.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.Customer;
import io.lintas.billing.InvoiceSettled;
import io.lintas.tenant.Tenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-Java parts of the follow-ups and the deal trigger: which CRM record, the texts, the customer. */
class PaidFollowUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static InvoiceSettled settled(InvoiceSettled.Kind kind, String deal, BigDecimal paid) {
        return new InvoiceSettled("acme", "01JDINV", kind, "01JDLEAD", deal, new BigDecimal("150000.00"), paid, "IDR",
                "midtrans", "tx-1", "tx-1:settlement", "WON", Instant.parse("2026-11-26T01:00:00Z"));
    }

    @Test
    void theInvoicesDealComesFirstThenTheLeadsDealThenTheLeadsBitrix24Lead() {
        assertThat(PaidFollowUp.crmRecordOf(settled(InvoiceSettled.Kind.PAID, "8812", null), Map.of("bitrix24:deal", "9")))
                .isEqualTo(new PaidFollowUp.CrmRecord("deal", "8812"));
        assertThat(PaidFollowUp.crmRecordOf(settled(InvoiceSettled.Kind.PAID, null, null),
                Map.of("bitrix24:deal", "9", "bitrix24:lead", "3"))).isEqualTo(new PaidFollowUp.CrmRecord("deal", "9"));
        assertThat(PaidFollowUp.crmRecordOf(settled(InvoiceSettled.Kind.PAID, null, null), Map.of("bitrix24:lead", "3")))
                .isEqualTo(new PaidFollowUp.CrmRecord("lead", "3"));
        assertThat(PaidFollowUp.crmRecordOf(settled(InvoiceSettled.Kind.PAID, "not-a-number", null), Map.of())).isNull();
    }

    @Test
    void theCommentNamesAmountInvoiceProviderAndStageAndAnOverpaymentShowsBothAmounts() {
        assertThat(PaidFollowUp.comment(settled(InvoiceSettled.Kind.PAID, "8812", new BigDecimal("150000.00")), "WON"))
                .isEqualTo("Invoice 01JDINV paid: 150000 IDR via midtrans (tx-1).\nDeal moved to stage WON.\nLintas");
        assertThat(PaidFollowUp.comment(settled(InvoiceSettled.Kind.PAID, "8812", new BigDecimal("160000")), null))
                .isEqualTo("Invoice 01JDINV paid: 160000 IDR (invoiced 150000 IDR) via midtrans (tx-1).\nLintas");
        assertThat(PaidFollowUp.comment(settled(InvoiceSettled.Kind.REVERSED, "8812", null), null))
                .startsWith("Payment of invoice 01JDINV REVERSED by midtrans (tx-1): 150000 IDR is no longer paid.")
                .contains("Nothing was undone");
        assertThat(PaidFollowUp.notification(settled(InvoiceSettled.Kind.REVERSED, null, null), null, null))
                .isEqualTo("Attention: the payment of invoice 01JDINV was REVERSED by midtrans (150000 IDR). "
                        + "Nothing was undone automatically.");
        assertThat(PaidFollowUp.money(new BigDecimal("1500.50"), "RUB")).isEqualTo("1500.5 RUB");
        assertThat(PaidFollowUp.money(new BigDecimal("1E+5"), "IDR")).isEqualTo("100000 IDR");
    }

    @Test
    void theDealsContactBecomesTheCustomerWithE164PhoneAndNormalisedEmail() throws Exception {
        Tenant tenant = Tenant.withForms("acme", "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of());
        Customer customer = DealInvoices.customer(tenant, JSON.readTree("""
                {"ID":"84","NAME":"Budi","LAST_NAME":"Santoso","PHONE":[{"VALUE":"","VALUE_TYPE":"WORK"},
                 {"VALUE":"0812-3456-7890","VALUE_TYPE":"MOBILE"}],"EMAIL":[{"VALUE":"Budi@Example.co.id"}]}"""));
        assertThat(customer).isEqualTo(new Customer("Budi Santoso", "budi@example.co.id", "+6281234567890", null));
        assertThat(DealInvoices.customer(tenant, null)).isEqualTo(new Customer(null, null, null, null));
        assertThat(DealInvoices.requestKey(JSON.readTree("{\"ID\":\"8812\",\"STAGE_ID\":\"C1:INVOICE\"}")))
                .isEqualTo("deal:8812:C1:INVOICE");
        assertThat(DealInvoices.billable(tenant, JSON.readTree("{\"ID\":\"8812\",\"STAGE_ID\":\"C1:INVOICE\"}")))
                .as("no billing section: never billable").isFalse();
    }

    @Test
    void theIssuedCommentGivesTheDealTheAmountDueDateVaNumberAndLink() {
        InvoiceSettled issued = new InvoiceSettled("acme", "01JDINV", InvoiceSettled.Kind.ISSUED, "01JDLEAD", "8812",
                new BigDecimal("150000.00"), null, "IDR", "xendit", "xnd-1", "issued", "WON", Instant.parse("2026-11-26T01:00:00Z"),
                java.time.LocalDate.parse("2026-11-29"), "BCA", "1076619999999", "https://checkout-staging.xendit.co/web/xnd-1");
        assertThat(PaidFollowUp.comment(issued, null)).isEqualTo("""
                Invoice 01JDINV issued: 150000 IDR via xendit (xnd-1), due 2026-11-29.
                Pay to BCA virtual account 1076619999999.
                Payment link: https://checkout-staging.xendit.co/web/xnd-1
                Lintas""");
        InvoiceSettled card = new InvoiceSettled("rusco", "01JDINV", InvoiceSettled.Kind.ISSUED, "01JDLEAD", null,
                new BigDecimal("1500.50"), null, "RUB", "stripe", "in_1", "issued", null, Instant.parse("2026-11-26T01:00:00Z"),
                null, null, null, "https://invoice.stripe.com/i/acct_1/test");
        assertThat(PaidFollowUp.comment(card, null)).isEqualTo("""
                Invoice 01JDINV issued: 1500.5 RUB via stripe (in_1).
                Payment link: https://invoice.stripe.com/i/acct_1/test
                Lintas""");
    }
}
