package io.lintas.connector.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.Customer;
import io.lintas.billing.FixedVaLedger;
import io.lintas.billing.Invoice;
import io.lintas.billing.InvoiceLine;
import io.lintas.billing.InvoiceStatus;
import io.lintas.tenant.BillingConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Xendit Fixed VAs (contract §1.3) for a tenant with billing.fixed-va: made once per customer, bound to every
 * invoice of theirs; an account Xendit refused, or whose create has an unclear outcome, is never asked for again
 * and the invoice goes out with Xendit's per-invoice VA instead.
 */
class XenditFixedVasTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final BillingConfig FIXED = billing(true);

    /** The official testing guide's answer (contract §1.3), with our bank. */
    static final String FVA_ANSWER = """
            {"is_closed":false,"status":"PENDING","currency":"IDR","owner_id":"5fd1c319b9986239d7ec5567",
             "external_id":"%s","bank_code":"BCA","merchant_code":"10766","name":"Budi Santoso",
             "account_number":"1076699990001","is_single_use":false,"expiration_date":"2052-03-16T17:00:00.000Z",
             "id":"60513720d0435601d9d43e5e"}""";

    /** An invoice answer: the per-invoice VA in BCA is 1076611110000. */
    static final String INVOICE_ANSWER = """
            {"id":"xnd-1","external_id":"%s","status":"PENDING","amount":150000,
             "invoice_url":"https://checkout-staging.xendit.co/web/xnd-1",
             "available_banks":[{"bank_code":"BCA","bank_account_number":"1076611110000"}]}""";

    final List<BillingCall> calls = new ArrayList<>();
    Function<BillingCall, BillingResponse> fvaAnswer;
    FixedVaLedger ledger;
    XenditInvoices xendit;

    static BillingConfig billing(boolean fixedVa) {
        return new BillingConfig("xendit", "https://api.xendit.co", "xnd_development_k", "tok", null, List.of("BCA", "BNI"), 3,
                1, "id", Duration.ofSeconds(5), null, null, true, fixedVa);
    }

    static Invoice invoice(String id, Customer customer) {
        return new Invoice(id, "acme", "k-" + id, null, null, "xendit", InvoiceStatus.PENDING, new BigDecimal("150000"), null,
                "IDR", LocalDate.of(2026, 12, 1), "Order", customer,
                List.of(new InvoiceLine("Paket Hemat", BigDecimal.ONE, new BigDecimal("150000"))), null, 0, Instant.now());
    }

    static final Customer BUDI = new Customer("Bùdi Santoso (VIP)!", "Budi@Example.co.id", "+6281234567890", "id");

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource db = new JdbcDataSource();   // one in-memory database per test, kept while the JVM runs
        db.setURL("jdbc:h2:mem:fva" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/V11__fixed_va.sql")));
        ledger = new FixedVaLedger(jdbc, Clock.systemUTC());
        fvaAnswer = call -> new BillingResponse(200, FVA_ANSWER.formatted(body(call).path("external_id").asText()));
        BillingTransport transport = (billing, call) -> {
            calls.add(call);
            if (call.path().equals("/callback_virtual_accounts")) {
                return fvaAnswer.apply(call);
            }
            String externalId = "GET".equals(call.method()) ? call.query().substring("external_id=".length())
                    : body(call).path("external_id").asText();
            return new BillingResponse(200, INVOICE_ANSWER.formatted(externalId));
        };
        xendit = new XenditInvoices(transport, JSON, new XenditFixedVas(ledger, transport, JSON));
    }

    static JsonNode body(BillingCall call) {
        try {
            return JSON.readTree(call.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    List<BillingCall> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Test
    void aCustomersAccountIsMadeOnceAndEveryInvoiceOfTheirsIsBoundToIt() {
        Invoice.Issued first = xendit.create(invoice("01JQFVA0000000000000000001", BUDI), FIXED);
        Invoice.Issued second = xendit.create(invoice("01JQFVA0000000000000000002",
                new Customer("Budi", "budi@example.co.id", null, "id")), FIXED);

        assertThat(calls("/callback_virtual_accounts")).singleElement().satisfies(call -> {
            JsonNode body = body(call);
            assertThat(body.path("external_id").asText()).startsWith("lintas-fva-").hasSize(35)
                    .doesNotContain("budi").doesNotContain("example");
            assertThat(body.path("bank_code").asText()).isEqualTo("BCA");
            assertThat(body.path("name").asText()).isEqualTo("Budi Santoso VIP");
            assertThat(body.path("is_closed").asBoolean()).isFalse();
            assertThat(body.path("is_single_use").asBoolean()).isFalse();
        });
        assertThat(calls("/v2/invoices")).hasSize(2).allSatisfy(call ->
                assertThat(body(call).path("callback_virtual_account_id").asText()).isEqualTo("60513720d0435601d9d43e5e"));
        assertThat(first.vaNumber()).isEqualTo("1076699990001");
        assertThat(first.bank()).isEqualTo("BCA");
        assertThat(second).isEqualTo(first);
        assertThat(xendit.lookup(invoice("01JQFVA0000000000000000001", BUDI), FIXED))
                .hasValueSatisfying(found -> assertThat(found.vaNumber()).isEqualTo("1076699990001"));
    }

    @Test
    void anUnclearCreateIsNotSentAgainAndTheInvoicesKeepTheirOwnVa() {
        fvaAnswer = call -> new BillingResponse(503, "{\"error_code\":\"SERVER_ERROR\"}");

        Invoice.Issued first = xendit.create(invoice("01JQFVA0000000000000000003", BUDI), FIXED);
        Invoice.Issued second = xendit.create(invoice("01JQFVA0000000000000000004", BUDI), FIXED);

        assertThat(calls("/callback_virtual_accounts")).hasSize(1);
        assertThat(calls("/v2/invoices")).hasSize(2).allSatisfy(call ->
                assertThat(body(call).has("callback_virtual_account_id")).isFalse());
        assertThat(first.vaNumber()).isEqualTo("1076611110000");
        assertThat(second.vaNumber()).isEqualTo("1076611110000");
        assertThat(ledger.find("acme", "budi@example.co.id")).hasValueSatisfying(row -> {
            assertThat(row.state()).isEqualTo("CREATING");
            assertThat(row.detail()).startsWith("outcome unclear").contains("503");
        });
    }

    @Test
    void aRefusedAccountIsRecordedWithXenditsReason() {
        fvaAnswer = call -> new BillingResponse(400, "{\"error_code\":\"API_VALIDATION_ERROR\",\"message\":\"name is invalid\"}");

        Invoice.Issued issued = xendit.create(invoice("01JQFVA0000000000000000005", BUDI), FIXED);

        assertThat(issued.vaNumber()).isEqualTo("1076611110000");
        assertThat(ledger.find("acme", "budi@example.co.id")).hasValueSatisfying(row -> {
            assertThat(row.state()).isEqualTo("REFUSED");
            assertThat(row.detail()).contains("API_VALIDATION_ERROR");
        });
    }

    @Test
    void withoutTheOptionOrWithoutAnEmailOrPhoneNoAccountIsMade() {
        xendit.create(invoice("01JQFVA0000000000000000006", BUDI), billing(false));
        xendit.create(invoice("01JQFVA0000000000000000007", new Customer("Budi", null, null, "id")), FIXED);

        assertThat(calls("/callback_virtual_accounts")).isEmpty();
        assertThat(calls("/v2/invoices")).hasSize(2).allSatisfy(call ->
                assertThat(body(call).has("callback_virtual_account_id")).isFalse());
    }

    @Test
    void theAccountNameIsLettersOnly() {
        assertThat(XenditFixedVas.accountName("Siti Nurhaliza")).isEqualTo("Siti Nurhaliza");
        assertThat(XenditFixedVas.accountName("José  Ramírez-Ortega")).isEqualTo("Jose Ramirez Ortega");
        assertThat(XenditFixedVas.accountName("Иван Петров")).isEqualTo("Customer");
        assertThat(XenditFixedVas.accountName(null)).isEqualTo("Customer");
        assertThat(XenditFixedVas.accountName("A".repeat(80))).hasSize(50);
        assertThat(XenditFixedVas.customerKey(new Customer("x", null, "+628123", "id"))).isEqualTo("+628123");
    }
}
