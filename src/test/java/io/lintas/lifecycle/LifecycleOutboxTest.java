package io.lintas.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.f4b6a3.ulid.UlidCreator;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.lintas.billing.BillingLedger;
import io.lintas.billing.Customer;
import io.lintas.billing.Invoice;
import io.lintas.billing.InvoiceLine;
import io.lintas.billing.InvoiceRequest;
import io.lintas.billing.InvoiceStateMachine;
import io.lintas.billing.InvoiceStatus;
import io.lintas.billing.PaymentUpdate;
import io.lintas.lead.Channel;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.lead.RawLead;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.testing.TestClock;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle outbox on the ledger's own database (H2 in PostgreSQL mode; ProductionProfileTest runs it
 * on PostgreSQL): each reported ledger change writes one event in the same transaction, every event
 * matches schema/lifecycle-event-v1.schema.json, and the relay's take / failed / published cycle keeps
 * events until Kafka has them.
 */
class LifecycleOutboxTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;
    private static JsonSchema schema;

    private final TestClock clock = new TestClock(T0);
    private LeadLedger leads;
    private BillingLedger invoices;
    private LifecycleOutbox outbox;

    @BeforeAll
    static void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lifecycle-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
        tx = new TransactionTemplate(new DataSourceTransactionManager(h2));
        try (InputStream in = LifecycleOutboxTest.class.getResourceAsStream("/schema/lifecycle-event-v1.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    @BeforeEach
    void emptyTables() {
        for (String table : List.of("lifecycle_outbox", "invoice_history", "payment_event", "invoice_line", "invoice",
                "lead_external_ref", "lead_contact_key", "lead_touch", "lead_journey", "lead_payload", "lead")) {
            jdbc.update("DELETE FROM " + table);
        }
        leads = new LeadLedger(jdbc, JSON, clock);
        invoices = new BillingLedger(jdbc, clock);
        outbox = new LifecycleOutbox(jdbc, JSON, clock, () -> UlidCreator.getMonotonicUlid().toString(), Duration.ofSeconds(60));
        leads.listen(outbox, tx);
        invoices.listen(outbox);
    }

    @Test
    void aLeadsStepsBecomeSchemaValidEventsKeyedByTheLeadInJourneyOrder() throws Exception {
        String id = ulid();
        tx.executeWithoutResult(s -> insert(id, List.of(
                new JourneyEntry(T0, LeadStatus.RECEIVED, "via tilda endpoint tilda"),
                new JourneyEntry(T0, LeadStatus.NORMALISED, "1 phone(s), 0 email(s)"),
                new JourneyEntry(T0, LeadStatus.QUEUED_CRM, "handed to lintas.crm"))));
        leads.touch(id, ulid(), LeadStatus.DUPLICATE, T0, "same tilda event delivered again");
        leads.advance(id, LeadStatus.IN_CRM, "Bitrix24 lead 3465 created, responsible 12");
        leads.advance(id, LeadStatus.TASK_CREATED, "Bitrix24 task 3711, due 2026-11-25T05:00:00Z");

        List<LifecycleOutbox.Pending> events = outbox.take(100);

        assertThat(events).extracting(LifecycleOutbox.Pending::type).containsExactly("lead.received", "lead.normalised",
                "lead.deduplicated", "lead.delivered", "lead.task_created");
        assertThat(events).extracting(LifecycleOutbox.Pending::key).containsOnly(id);
        assertThat(events).extracting(LifecycleOutbox.Pending::id).doesNotHaveDuplicates();
        for (LifecycleOutbox.Pending event : events) {
            JsonNode body = valid(event.body());
            assertThat(body.path("id").asText()).isEqualTo(event.id());
            assertThat(body.path("tenant").asText()).isEqualTo("acme");
            assertThat(body.path("leadId").asText()).isEqualTo(id);
            assertThat(body.path("invoiceId").isNull()).isTrue();
            assertThat(body.at("/data/channel").asText()).isEqualTo("FORM");
            assertThat(body.at("/data/source").asText()).isEqualTo("tilda");
        }
        assertThat(JSON.readTree(events.get(2).body()).at("/data/status").asText()).isEqualTo("DUPLICATE");
        assertThat(JSON.readTree(events.get(3).body()).at("/data/detail").asText())
                .isEqualTo("Bitrix24 lead 3465 created, responsible 12");
        assertThat(events.toString()).as("no personal data in any event").doesNotContain("6281234567890", "Budi");
    }

    @Test
    void aChangeThatRollsBackLeavesNoEventAndAStepNotReportedLeavesNone() {
        String id = ulid();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            insert(id, List.of(new JourneyEntry(T0, LeadStatus.RECEIVED, "via tilda endpoint tilda")));
            throw new IllegalStateException("the pipeline failed after the insert");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(leads.exists(id)).isFalse();
        assertThat(outbox.waiting()).isZero();

        tx.executeWithoutResult(s -> insert(id, List.of(new JourneyEntry(T0, LeadStatus.QUEUED_CRM, "handed to lintas.crm"))));
        leads.advance(id, LeadStatus.DEAL_MOVED, "deal 77 moved to WON");
        assertThat(outbox.waiting()).as("QUEUED_CRM and DEAL_MOVED are no lifecycle events").isZero();
    }

    @Test
    void withoutAListenerNothingIsWritten() {
        LeadLedger quiet = new LeadLedger(jdbc, JSON, clock);
        String id = ulid();
        Lead lead = lead(id);
        quiet.insert(lead, LeadStatus.QUEUED_CRM, List.of(new JourneyEntry(T0, LeadStatus.RECEIVED, "via tilda")), "text/plain",
                new byte[0], List.of());
        quiet.advance(id, LeadStatus.IN_CRM, "Bitrix24 lead 1 created");

        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void invoiceStepsAreKeyedByTheirLeadOrElseByTheInvoice() {
        String leadId = ulid();
        tx.executeWithoutResult(s -> insert(leadId, List.of()));
        Invoice ofLead = invoices.insertIfAbsent(request(ulid(), leadId, "lead:" + leadId), "xendit", LocalDate.of(2026, 12, 2), "id");
        Invoice ofApi = invoices.insertIfAbsent(request(ulid(), null, "api:order-9"), "stripe", LocalDate.of(2026, 12, 2), "id");
        assertThat(outbox.waiting()).as("recorded, not yet issued: no event").isZero();

        tx.executeWithoutResult(s -> invoices.recordIssued(ofLead.id(), new Invoice.Issued("inv-1", null, null, null, "https://pay/1")));
        tx.executeWithoutResult(s -> invoices.recordIssued(ofApi.id(), new Invoice.Issued("in_1", "cus_1", null, null, "https://pay/2")));
        PaymentUpdate paid = new PaymentUpdate("xendit", "inv-1:PAID", PaymentUpdate.Kind.PAID, new BigDecimal("150000"), T0);
        Invoice pending = invoices.find(ofLead.id()).orElseThrow();
        InvoiceStateMachine.Decision decision = InvoiceStateMachine.apply(pending.status(), pending.amount(), pending.amountPaid(),
                paid, false);
        tx.executeWithoutResult(s -> {
            invoices.recordEvent(pending.id(), paid, decision);
            invoices.applyDecision(pending, paid, decision);
        });
        tx.executeWithoutResult(s -> invoices.expire(ofApi.id(), "due date passed unpaid"));

        List<LifecycleOutbox.Pending> events = outbox.take(100);

        assertThat(events).extracting(e -> e.type() + " " + e.key()).containsExactly(
                "invoice.issued " + leadId, "invoice.issued " + ofApi.id(), "invoice.paid " + leadId,
                "invoice.expired " + ofApi.id());
        JsonNode paidEvent = valid(events.get(2).body());
        assertThat(paidEvent.path("invoiceId").asText()).isEqualTo(ofLead.id());
        assertThat(paidEvent.path("leadId").asText()).isEqualTo(leadId);
        assertThat(paidEvent.at("/data/status").asText()).isEqualTo(InvoiceStatus.PAID.name());
        assertThat(paidEvent.at("/data/amount").asText()).isEqualTo("150000.00");
        assertThat(paidEvent.at("/data/amountPaid").asText()).isEqualTo("150000.00");
        JsonNode expired = valid(events.get(3).body());
        assertThat(expired.path("leadId").isNull()).isTrue();
        assertThat(expired.at("/data/status").asText()).isEqualTo("EXPIRED");
        valid(events.get(0).body());
        valid(events.get(1).body());
    }

    @Test
    void takenEventsAreLeasedAFailedSendMakesThemDueAgainAndAPublishedOneIsGone() {
        String id = ulid();
        tx.executeWithoutResult(s -> insert(id, List.of(new JourneyEntry(T0, LeadStatus.RECEIVED, "via tilda"),
                new JourneyEntry(T0, LeadStatus.NORMALISED, "1 phone(s)"))));

        List<LifecycleOutbox.Pending> first = outbox.take(10);
        assertThat(first).hasSize(2);
        assertThat(outbox.take(10)).as("leased: another poll (another instance) leaves them alone").isEmpty();

        outbox.failed(first, "TimeoutException: Topic lintas.lifecycle not present in metadata after 10000 ms.");
        assertThat(jdbc.queryForList("SELECT last_error FROM lifecycle_outbox", String.class))
                .containsOnly("TimeoutException: Topic lintas.lifecycle not present in metadata after 10000 ms.");
        List<LifecycleOutbox.Pending> again = outbox.take(10);
        assertThat(again).as("due again at once, same ids, same order").extracting(LifecycleOutbox.Pending::id)
                .containsExactlyElementsOf(first.stream().map(LifecycleOutbox.Pending::id).toList());
        assertThat(again).extracting(LifecycleOutbox.Pending::attempts).containsOnly(1);

        outbox.published(again.subList(0, 1));
        assertThat(outbox.waiting()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        assertThat(outbox.take(10)).as("a lease that ran out (its instance died mid-send) is taken again")
                .extracting(LifecycleOutbox.Pending::id).containsExactly(first.get(1).id());
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode valid(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            assertThat(schema.validate(node)).as(body).isEmpty();
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void insert(String id, List<JourneyEntry> journey) {
        leads.insert(lead(id), LeadStatus.QUEUED_CRM, journey, "application/x-www-form-urlencoded", new byte[] {1}, List.of());
    }

    private static Lead lead(String id) {
        LeadOrigin origin = new LeadOrigin(id, "acme", Channel.FORM, "tilda", "tran-" + id, T0, "ledger:payload/" + id);
        RawLead raw = new RawLead("Budi Santoso", null, null, List.of("0812-3456-7890"), null, null, "call me", Map.of(), null,
                Map.of());
        return new LeadNormalizer().normalize(origin, raw, "ID");
    }

    private static InvoiceRequest request(String invoiceId, String leadId, String key) {
        return new InvoiceRequest(invoiceId, "acme", key, leadId, leadId == null ? null : "77",
                new Customer("Budi Santoso", "budi@example.co.id", "+6281234567890", "id"),
                List.of(new InvoiceLine("Consultation", BigDecimal.ONE, new BigDecimal("150000"))), "IDR",
                LocalDate.of(2026, 12, 2), "Consultation");
    }

    private static String ulid() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
