package io.lintas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lintas.intake.IntakeEnvelope;
import io.lintas.lead.Channel;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.lead.RawLead;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger and the recorder against both databases the app runs on: H2 in PostgreSQL mode (the
 * embedded default) and a real PostgreSQL. Every test in {@link LedgerContract} runs on each.
 */
class LeadLedgerTest {

    static final Instant NOW = Instant.parse("2024-05-02T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** As Spring Boot configures it: JavaTimeModule, ISO dates (spring.jackson.serialization.write-dates-as-timestamps=false). */
    static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static EmbeddedPostgres postgres;
    private static Database h2;
    private static Database postgresql;

    @BeforeAll
    static void startDatabases() throws IOException {
        JdbcDataSource h2DataSource = new JdbcDataSource();
        h2DataSource.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2DataSource.setUser("sa");
        h2 = Database.migrated(h2DataSource);
        postgres = EmbeddedPostgres.start();
        postgresql = Database.migrated(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Nested
    class OnH2 extends LedgerContract {
        @Override
        Database db() {
            return h2;
        }
    }

    @Nested
    class OnPostgres extends LedgerContract {
        @Override
        Database db() {
            return postgresql;
        }
    }

    /** A database with the real migrations applied. */
    record Database(DataSource dataSource, MigrateResult migration, JdbcTemplate jdbc, TransactionTemplate tx) {

        static Database migrated(DataSource dataSource) {
            MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .load().migrate();
            return new Database(dataSource, result, new JdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        }
    }

    abstract static class LedgerContract {

        static final String T1 = "acme";
        static final String T2 = "globex";
        static final String PHONE = "0812-3456-7890";
        static final String PHONE_E164 = "+6281234567890";
        static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

        LeadLedger ledger;
        JdbcTemplate jdbc;
        TransactionTemplate tx;
        LeadRecorder recorder;
        final LeadNormalizer normalizer = new LeadNormalizer();

        abstract Database db();

        @BeforeEach
        void emptyLedger() {
            jdbc = db().jdbc();
            tx = db().tx();
            for (String table : List.of("lead_external_ref", "lead_contact_key", "lead_touch", "lead_journey",
                    "lead_payload", "lead")) {
                jdbc.update("DELETE FROM " + table);
            }
            ledger = new LeadLedger(jdbc, JSON, CLOCK);
            TenantRegistry tenants = new TenantRegistry(List.of(
                    Tenant.withForms(T1, "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(24), Map.of()),
                    Tenant.withForms(T2, "Globex", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofMinutes(30), Map.of())));
            recorder = new LeadRecorder(ledger, normalizer, tenants, tx, CLOCK);
        }

        // --- schema ---------------------------------------------------------------------------

        @Test
        void theRealMigrationsAreApplied() throws IOException {
            Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql");
            assertThat(scripts).isNotEmpty();

            assertThat(db().migration().success).isTrue();
            assertThat(db().migration().migrationsExecuted).isEqualTo(scripts.length);
            MigrationInfo[] applied = Flyway.configure().dataSource(db().dataSource()).locations("classpath:db/migration")
                    .load().info().applied();
            assertThat(applied).hasSize(scripts.length);
            assertThat(Arrays.stream(applied).map(m -> m.getVersion().getVersion() + " " + m.getDescription()))
                    .startsWith("1 ledger");
            assertThat(db().migration().targetSchemaVersion).isEqualTo(applied[applied.length - 1].getVersion().getVersion());
        }

        // --- insert and find ------------------------------------------------------------------

        @Test
        void insertedLeadIsFoundWithItsJsonJourneyAndPayload() throws Exception {
            Lead lead = lead(id(1), T1, "tilda", "tran-1", T0, PHONE, "Budi@Example.co.id");
            byte[] payload = "Name=Budi+Santoso&Phone=0812-3456-7890".getBytes(StandardCharsets.UTF_8);
            List<JourneyEntry> journey = List.of(
                    new JourneyEntry(T0, LeadStatus.RECEIVED, "via tilda endpoint contact"),
                    new JourneyEntry(NOW, LeadStatus.NORMALISED, "1 phone(s), 1 email(s)"),
                    new JourneyEntry(NOW, LeadStatus.QUEUED_CRM, "handed to lintas.crm"));

            tx.executeWithoutResult(s -> ledger.insert(lead, LeadStatus.QUEUED_CRM, journey,
                    "application/x-www-form-urlencoded", payload, List.of("phone:" + PHONE_E164, "email:budi@example.co.id")));

            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.id()).isEqualTo(id(1));
            assertThat(stored.tenant()).isEqualTo(T1);
            assertThat(stored.status()).isEqualTo(LeadStatus.QUEUED_CRM);
            assertThat(stored.receivedAt()).isEqualTo(T0);
            assertThat(stored.updatedAt()).isEqualTo(NOW);
            assertThat(JSON.treeToValue(stored.lead(), Lead.class)).isEqualTo(lead);
            assertThat(stored.lead().at("/contact/phones/0").asText()).isEqualTo(PHONE_E164);
            assertThat(stored.lead().get("receivedAt").asText()).isEqualTo("2024-05-01T10:15:30.123Z");
            assertThat(stored.journey()).containsExactlyElementsOf(journey);
            assertThat(stored.touches()).isEmpty();
            assertThat(stored.externalRefs()).isEmpty();
            assertThat(ledger.leadJson(id(1))).hasValueSatisfying(
                    json -> assertThat(json).contains("\"id\":\"" + id(1) + "\"", PHONE_E164));
            assertThat(ledger.exists(id(1))).isTrue();
            assertThat(ledger.exists(id(2))).isFalse();
            assertThat(ledger.find(id(2))).isEmpty();

            Map<String, Object> row = jdbc.queryForMap("SELECT content_type, body FROM lead_payload WHERE lead_id = ?", id(1));
            assertThat(row.get("content_type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat((byte[]) row.get("body")).isEqualTo(payload);
            assertThat(jdbc.queryForList("SELECT contact_key FROM lead_contact_key WHERE lead_id = ? ORDER BY contact_key",
                    String.class, id(1))).containsExactly("email:budi@example.co.id", "phone:" + PHONE_E164);
        }

        @Test
        void payloadBytesAreKeptExactlyAndAMissingPayloadIsStoredEmpty() {
            byte[] binary = {0, (byte) 0xff, (byte) 0xfe, 13, 10, 'x', (byte) 0x80};
            ledger.insert(lead(id(1), T1, "html", null, T0, PHONE, null), LeadStatus.QUEUED_CRM, List.of(),
                    "application/octet-stream", binary, List.of());
            ledger.insert(lead(id(2), T1, "html", null, T0, PHONE, null), LeadStatus.QUEUED_CRM, List.of(),
                    null, null, List.of());

            assertThat(jdbc.queryForObject("SELECT body FROM lead_payload WHERE lead_id = ?", byte[].class, id(1)))
                    .isEqualTo(binary);
            assertThat(jdbc.queryForObject("SELECT body FROM lead_payload WHERE lead_id = ?", byte[].class, id(2)))
                    .isEmpty();
        }

        // --- touch, advance, external refs ----------------------------------------------------

        @Test
        void aLeadIsFoundByAnIntakeIdFoldedIntoIt() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);
            Instant later = T0.plusSeconds(60);

            ledger.touch(id(1), id(2), LeadStatus.DUPLICATE, later, "same tilda event delivered again");

            StoredLead viaTouch = ledger.find(id(2)).orElseThrow();
            assertThat(viaTouch.id()).isEqualTo(id(1));
            assertThat(viaTouch.touches()).containsExactly(new StoredLead.Touch(id(2), LeadStatus.DUPLICATE, later));
            assertThat(viaTouch.journey()).last()
                    .isEqualTo(new JourneyEntry(later, LeadStatus.DUPLICATE, "same tilda event delivered again"));
            assertThat(ledger.exists(id(2))).as("a touch is not a lead").isFalse();
        }

        @Test
        void touchIsIdempotentPerIntakeId() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);
            int journeyBefore = ledger.find(id(1)).orElseThrow().journey().size();

            ledger.touch(id(1), id(2), LeadStatus.REPEAT, T0.plusSeconds(60), "first");
            ledger.touch(id(1), id(2), LeadStatus.REPEAT, T0.plusSeconds(120), "again");
            ledger.touch(id(1), id(3), LeadStatus.REPEAT, T0.plusSeconds(180), "another intake");

            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.touches()).extracting(StoredLead.Touch::intakeId).containsExactly(id(2), id(3));
            assertThat(stored.journey()).hasSize(journeyBefore + 2);
            assertThat(stored.journey()).extracting(JourneyEntry::detail).doesNotContain("again");
        }

        @Test
        void advanceChangesTheStatusAndAppendsToTheJourney() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);

            ledger.advance(id(1), "IN_CRM", "bitrix24 lead 4711");

            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.status()).isEqualTo("IN_CRM");
            assertThat(stored.updatedAt()).isEqualTo(NOW);
            assertThat(stored.journey()).extracting(JourneyEntry::status)
                    .containsExactly(LeadStatus.RECEIVED, LeadStatus.QUEUED_CRM, "IN_CRM");
            assertThat(stored.journey()).last().isEqualTo(new JourneyEntry(NOW, "IN_CRM", "bitrix24 lead 4711"));
        }

        @Test
        void externalRefsShowInFind() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);

            ledger.addExternalRef(id(1), "bitrix24", "lead", "4711");
            ledger.addExternalRef(id(1), "jira", "task", "SALES-12");

            assertThat(ledger.find(id(1)).orElseThrow().externalRefs()).containsExactlyInAnyOrder(
                    new StoredLead.ExternalRef("bitrix24", "lead", "4711", NOW),
                    new StoredLead.ExternalRef("jira", "task", "SALES-12", NOW));
        }

        // --- list -----------------------------------------------------------------------------

        @Test
        void listFiltersByTenantStatusAndSinceNewestFirst() {
            for (int i = 1; i <= 6; i++) {
                insert(id(i), i % 2 == 0 ? T2 : T1, "html", null, T0.plus(Duration.ofHours(i)), PHONE);
            }
            ledger.advance(id(3), LeadStatus.SPAM, "marked by hand");

            assertThat(ids(ledger.list(null, null, null, null, 100))).containsExactly(id(6), id(5), id(4), id(3), id(2), id(1));
            assertThat(ids(ledger.list(T1, null, null, null, 100))).containsExactly(id(5), id(3), id(1));
            assertThat(ids(ledger.list(null, LeadStatus.SPAM, null, null, 100))).containsExactly(id(3));
            assertThat(ids(ledger.list(T1, LeadStatus.QUEUED_CRM, null, null, 100))).containsExactly(id(5), id(1));
            assertThat(ids(ledger.list(null, null, T0.plus(Duration.ofHours(4)), null, 100)))
                    .as("since is inclusive").containsExactly(id(6), id(5), id(4));
            assertThat(ids(ledger.list(T2, null, T0.plus(Duration.ofHours(3)), null, 100))).containsExactly(id(6), id(4));

            StoredLead listed = ledger.list(T1, null, null, null, 1).get(0);
            assertThat(listed.tenant()).isEqualTo(T1);
            assertThat(listed.receivedAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
            assertThat(listed.lead().get("id").asText()).isEqualTo(id(5));
            assertThat(listed.journey()).as("list leaves journeys out").isEmpty();
        }

        @Test
        void listPagesWithAKeysetCursor() {
            for (int i = 1; i <= 5; i++) {
                insert(id(i), T1, "html", null, T0.plusSeconds(i), PHONE);
            }

            List<StoredLead> first = ledger.list(T1, null, null, null, 2);
            List<StoredLead> second = ledger.list(T1, null, null, last(first), 2);
            List<StoredLead> third = ledger.list(T1, null, null, last(second), 2);

            assertThat(ids(first)).containsExactly(id(5), id(4));
            assertThat(ids(second)).containsExactly(id(3), id(2));
            assertThat(ids(third)).containsExactly(id(1));
            assertThat(ledger.list(T1, null, null, last(third), 2)).isEmpty();
            assertThat(ids(ledger.list(T1, null, null, id(4), 10))).containsExactly(id(3), id(2), id(1));
        }

        // --- finding earlier leads ------------------------------------------------------------

        @Test
        void findBySourceEventMatchesTenantSourceAndEventId() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);

            assertThat(ledger.findBySourceEvent(T1, "tilda", "tran-1")).contains(id(1));
            assertThat(ledger.findBySourceEvent(T2, "tilda", "tran-1")).isEmpty();
            assertThat(ledger.findBySourceEvent(T1, "typeform", "tran-1")).isEmpty();
            assertThat(ledger.findBySourceEvent(T1, "tilda", "tran-2")).isEmpty();
        }

        @Test
        void findRecentByContactKeysHonoursTheWindowAndTheTenant() {
            insert(id(1), T1, "html", null, T0, PHONE);
            insert(id(2), T1, "html", null, T0.plus(Duration.ofHours(1)), PHONE);
            List<String> keys = List.of("email:nobody@example.com", "phone:" + PHONE_E164);

            assertThat(ledger.findRecentByContactKeys(T1, keys, T0.minus(Duration.ofHours(24))))
                    .as("the oldest within the window").contains(id(1));
            assertThat(ledger.findRecentByContactKeys(T1, keys, T0)).as("since is inclusive").contains(id(1));
            assertThat(ledger.findRecentByContactKeys(T1, keys, T0.plusMillis(1))).contains(id(2));
            assertThat(ledger.findRecentByContactKeys(T1, keys, T0.plus(Duration.ofHours(2)))).isEmpty();
            assertThat(ledger.findRecentByContactKeys(T2, keys, T0.minus(Duration.ofDays(1)))).isEmpty();
            assertThat(ledger.findRecentByContactKeys(T1, List.of("phone:+6281111111111"), T0.minus(Duration.ofDays(1))))
                    .isEmpty();
            assertThat(ledger.findRecentByContactKeys(T1, List.of(), T0.minus(Duration.ofDays(1)))).isEmpty();
        }

        // --- the unique sender-event index ----------------------------------------------------

        @Test
        void aSecondLeadWithTheSameSenderEventIsRejected() {
            insert(id(1), T1, "tilda", "tran-1", T0, PHONE);

            assertThatThrownBy(() -> tx.executeWithoutResult(s -> insert(id(2), T1, "tilda", "tran-1", T0, PHONE)))
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThat(ledger.exists(id(2))).isFalse();

            insert(id(3), T2, "tilda", "tran-1", T0, PHONE);
            insert(id(4), T1, "typeform", "tran-1", T0, PHONE);
            assertThat(ledger.exists(id(3))).isTrue();
            assertThat(ledger.exists(id(4))).isTrue();
        }

        @Test
        void manyLeadsWithoutASenderEventIdAreAllowed() {
            insert(id(1), T1, "html", null, T0, PHONE);
            insert(id(2), T1, "html", null, T0, PHONE);
            insert(id(3), T1, "html", null, T0, PHONE);

            assertThat(ledger.list(T1, null, null, null, 10)).hasSize(3);
        }

        // --- the recorder, end to end ---------------------------------------------------------

        @Test
        void recordsANewLeadThenTheSameEnvelopeAgainAsARedelivery() throws Exception {
            IntakeEnvelope first = envelope(id(1), T1, "tran-1", T0, PHONE, null);

            Recorded recorded = recorder.record(first);

            assertThat(recorded.kind()).isEqualTo(Recorded.Kind.NEW);
            assertThat(recorded.leadId()).isEqualTo(id(1));
            Lead lead = JSON.readValue(recorded.leadJson(), Lead.class);
            assertThat(lead.id()).isEqualTo(id(1));
            assertThat(lead.contact().phones()).containsExactly(PHONE_E164);
            assertThat(lead.contact().fullName()).isEqualTo("Budi Santoso");
            assertThat(lead.sourceEventId()).isEqualTo("tran-1");
            assertThat(lead.rawPayloadRef()).isEqualTo("ledger:payload/" + id(1));
            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.status()).isEqualTo(LeadStatus.QUEUED_CRM);
            assertThat(stored.journey()).extracting(JourneyEntry::status)
                    .containsExactly(LeadStatus.RECEIVED, LeadStatus.NORMALISED, LeadStatus.QUEUED_CRM);
            assertThat(stored.journey().get(0).at()).isEqualTo(T0);
            assertThat(stored.journey().get(2).at()).isEqualTo(NOW);
            assertThat(jdbc.queryForObject("SELECT body FROM lead_payload WHERE lead_id = ?", byte[].class, id(1)))
                    .isEqualTo(first.payload());

            Recorded again = recorder.record(first);

            assertThat(again.kind()).isEqualTo(Recorded.Kind.REDELIVERED);
            assertThat(again.kind().deliver()).isTrue();
            assertThat(again.leadId()).isEqualTo(id(1));
            assertThat(again.leadJson()).isEqualTo(recorded.leadJson());
            assertThat(ledger.find(id(1)).orElseThrow().journey()).hasSize(3);
        }

        @Test
        void theSameSenderEventAgainIsADuplicateTouchOnTheFirstLead() {
            recorder.record(envelope(id(1), T1, "tran-1", T0, PHONE, null));

            Recorded duplicate = recorder.record(envelope(id(2), T1, "tran-1", T0.plusSeconds(5), "0813-9999-8888", null));

            assertThat(duplicate).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(1), null));
            assertThat(duplicate.kind().deliver()).isFalse();
            assertThat(ledger.exists(id(2))).isFalse();
            StoredLead first = ledger.find(id(2)).orElseThrow();
            assertThat(first.id()).isEqualTo(id(1));
            assertThat(first.touches()).containsExactly(new StoredLead.Touch(id(2), LeadStatus.DUPLICATE, T0.plusSeconds(5)));
            assertThat(first.journey()).last().extracting(JourneyEntry::status).isEqualTo(LeadStatus.DUPLICATE);

            assertThat(recorder.record(envelope(id(3), T2, "tran-1", T0, "0813-9999-8888", null)).kind())
                    .as("event ids are per tenant").isEqualTo(Recorded.Kind.NEW);
        }

        @Test
        void theSamePhoneWithinTheWindowIsARepeatAndOutsideItANewLead() {
            recorder.record(envelope(id(1), T1, "tran-1", T0, PHONE, null));

            Recorded repeat = recorder.record(envelope(id(2), T1, "tran-2", T0.plus(Duration.ofHours(23)), "+62 812 3456 7890", null));

            assertThat(repeat).isEqualTo(new Recorded(Recorded.Kind.REPEAT, id(1), null));
            assertThat(ledger.exists(id(2))).isFalse();
            assertThat(ledger.find(id(1)).orElseThrow().touches())
                    .containsExactly(new StoredLead.Touch(id(2), LeadStatus.REPEAT, T0.plus(Duration.ofHours(23))));

            Recorded outside = recorder.record(envelope(id(3), T1, "tran-3", T0.plus(Duration.ofHours(25)), PHONE, null));

            assertThat(outside.kind()).isEqualTo(Recorded.Kind.NEW);
            assertThat(outside.leadId()).isEqualTo(id(3));
        }

        @Test
        void theWindowIsTheTenants() {
            recorder.record(envelope(id(1), T2, "tran-1", T0, PHONE, null));

            assertThat(recorder.record(envelope(id(2), T2, "tran-2", T0.plus(Duration.ofMinutes(29)), PHONE, null)).kind())
                    .isEqualTo(Recorded.Kind.REPEAT);
            assertThat(recorder.record(envelope(id(3), T2, "tran-3", T0.plus(Duration.ofMinutes(31)), PHONE, null)).kind())
                    .isEqualTo(Recorded.Kind.NEW);
            assertThat(recorder.record(envelope(id(4), T1, "tran-4", T0.plus(Duration.ofMinutes(1)), PHONE, null)).kind())
                    .as("another tenant's leads never match").isEqualTo(Recorded.Kind.NEW);
        }

        @Test
        void spamIsKeptWithStatusSpamAndNoContactKeys() {
            Recorded spam = recorder.record(envelope(id(1), T1, "tran-1", T0, PHONE, "honeypot field 'website' filled"));

            assertThat(spam).isEqualTo(new Recorded(Recorded.Kind.SPAM, id(1), null));
            assertThat(spam.kind().deliver()).isFalse();
            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.status()).isEqualTo(LeadStatus.SPAM);
            assertThat(stored.journey()).extracting(JourneyEntry::status).containsExactly(LeadStatus.RECEIVED, LeadStatus.SPAM);
            assertThat(stored.journey().get(1).detail()).isEqualTo("honeypot field 'website' filled");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_contact_key WHERE lead_id = ?", Integer.class, id(1)))
                    .isZero();

            assertThat(recorder.record(envelope(id(2), T1, "tran-2", T0.plusSeconds(60), PHONE, null)).kind())
                    .as("spam never makes a real lead a repeat").isEqualTo(Recorded.Kind.NEW);
        }

        @Test
        void aRedeliveredSpamEnvelopeIsStillNotDelivered() {
            IntakeEnvelope spam = envelope(id(1), T1, "tran-1", T0, PHONE, "honeypot field 'website' filled");
            recorder.record(spam);

            Recorded again = recorder.record(spam);

            assertThat(again.leadId()).isEqualTo(id(1));
            assertThat(again.kind().deliver()).as("spam must never reach the CRM stage, also on redelivery").isFalse();
            assertThat(ledger.find(id(1)).orElseThrow().status()).isEqualTo(LeadStatus.SPAM);
        }

        @Test
        void aSkippedIntakeIsKeptWithItsReasonAndNeverDelivered() {
            IntakeEnvelope autoReply = with(envelope(id(1), T1, "msg-1", T0, PHONE, null), List.of(), null,
                    "auto-reply (Auto-Submitted: auto-replied)");

            Recorded skipped = recorder.record(autoReply);

            assertThat(skipped).isEqualTo(new Recorded(Recorded.Kind.SKIPPED, id(1), null));
            StoredLead stored = ledger.find(id(1)).orElseThrow();
            assertThat(stored.status()).isEqualTo(LeadStatus.SKIPPED);
            assertThat(stored.journey()).extracting(JourneyEntry::detail).contains("auto-reply (Auto-Submitted: auto-replied)");
            assertThat(recorder.record(autoReply).kind().deliver()).as("also on redelivery").isFalse();
            assertThat(recorder.record(envelope(id(2), T1, "msg-2", T0.plusSeconds(60), PHONE, null)).kind())
                    .as("a skipped intake never makes a real lead a repeat").isEqualTo(Recorded.Kind.NEW);
        }

        @Test
        void theSameSkippedSenderEventUnderANewIntakeIdIsADuplicateTouchNotAKeyViolation() {
            String reason = "written by Lintas for lead X; an echo of our own write, not a new lead";
            recorder.record(with(envelope(id(1), T1, "LEAD:7:ONCRMLEADADD:1766047124", T0, PHONE, null), List.of(), null, reason));

            Recorded again = recorder.record(with(envelope(id(2), T1, "LEAD:7:ONCRMLEADADD:1766047124", T0.plusSeconds(1),
                    PHONE, null), List.of(), null, reason));

            assertThat(again).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(1), null));
            assertThat(ledger.exists(id(2))).isFalse();
            assertThat(ledger.find(id(1)).orElseThrow().status()).isEqualTo(LeadStatus.SKIPPED);
        }

        @Test
        void anIntakeThatRelatesToAnEarlierOneJoinsThatLeadsJourney() {
            recorder.record(envelope(id(1), T1, "<first@mail.example>", T0, PHONE, null));

            Recorded reply = recorder.record(with(envelope(id(2), T1, "<second@mail.example>", T0.plus(Duration.ofDays(3)),
                    "0899-0000-1111", null), List.of("<unknown@mail.example>", "<first@mail.example>"), null, null));

            assertThat(reply).isEqualTo(new Recorded(Recorded.Kind.REPLY, id(1), null));
            assertThat(ledger.exists(id(2))).isFalse();
            assertThat(ledger.find(id(1)).orElseThrow().touches())
                    .containsExactly(new StoredLead.Touch(id(2), LeadStatus.REPLY, T0.plus(Duration.ofDays(3))));
            assertThat(recorder.record(with(envelope(id(3), T2, "<third@mail.example>", T0, "0899-0000-2222", null),
                    List.of("<first@mail.example>"), null, null)).kind())
                    .as("another tenant's thread never matches").isEqualTo(Recorded.Kind.NEW);
        }

        @Test
        void theSameSkippedOrSpamEventSentAgainIsADuplicateNotAConstraintViolation() {
            recorder.record(with(envelope(id(1), T1, "<auto@mail.example>", T0, PHONE, null), List.of(), null, "auto-reply"));
            recorder.record(envelope(id(2), T1, "spam-1", T0, "0813-2222-3333", "honeypot field 'website' filled"));

            Recorded skippedAgain = recorder.record(with(envelope(id(3), T1, "<auto@mail.example>", T0.plusSeconds(30), PHONE,
                    null), List.of(), null, "auto-reply"));
            Recorded spamAgain = recorder.record(envelope(id(4), T1, "spam-1", T0.plusSeconds(30), "0813-2222-3333",
                    "honeypot field 'website' filled"));

            assertThat(skippedAgain).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(1), null));
            assertThat(spamAgain).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(2), null));
            assertThat(ledger.find(id(1)).orElseThrow().status()).isEqualTo(LeadStatus.SKIPPED);
        }

        @Test
        void aReplyDeliveredAgainIsADuplicateOfTheThreadNotASecondReply() {
            recorder.record(envelope(id(1), T1, "<first@mail.example>", T0, PHONE, null));
            IntakeEnvelope reply = with(envelope(id(2), T1, "<reply@mail.example>", T0.plusSeconds(60), "0899-0000-1111",
                    null), List.of("<first@mail.example>"), null, null);
            recorder.record(reply);

            Recorded again = recorder.record(with(envelope(id(3), T1, "<reply@mail.example>", T0.plusSeconds(90),
                    "0899-0000-1111", null), List.of("<first@mail.example>"), null, null));

            assertThat(again).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(1), null));
            assertThat(ledger.find(id(1)).orElseThrow().touches()).extracting(StoredLead.Touch::kind)
                    .containsExactly(LeadStatus.REPLY, LeadStatus.DUPLICATE);
        }

        @Test
        void anIntakeMayCarryItsOwnRepeatWindow() {
            recorder.record(envelope(id(1), T1, "call-1", T0, PHONE, null));

            assertThat(recorder.record(with(envelope(id(2), T1, "call-2", T0.plus(Duration.ofMinutes(20)), PHONE, null),
                    List.of(), Duration.ofMinutes(10), null)).kind()).isEqualTo(Recorded.Kind.NEW);
            assertThat(recorder.record(with(envelope(id(3), T1, "call-3", T0.plus(Duration.ofMinutes(25)), PHONE, null),
                    List.of(), Duration.ofMinutes(10), null)).kind()).isEqualTo(Recorded.Kind.REPEAT);
        }

        @Test
        void aRepeatDeliveredAgainIsADuplicateOfTheLeadItTouchedNotASecondRepeat() {
            recorder.record(envelope(id(1), T1, "call-1", T0, PHONE, null));
            Recorded repeat = recorder.record(envelope(id(2), T1, "call-2", T0.plusSeconds(60), PHONE, null));

            Recorded again = recorder.record(envelope(id(3), T1, "call-2", T0.plusSeconds(70), PHONE, null));

            assertThat(repeat.kind()).isEqualTo(Recorded.Kind.REPEAT);
            assertThat(again).isEqualTo(new Recorded(Recorded.Kind.DUPLICATE, id(1), null));
            assertThat(ledger.find(id(1)).orElseThrow().touches()).extracting(StoredLead.Touch::kind)
                    .containsExactly(LeadStatus.REPEAT, LeadStatus.DUPLICATE);
            assertThat(ledger.findTouchedBySourceEvent(T2, "tilda", "call-2")).as("per tenant").isEmpty();
        }

        @Test
        void anUnknownTenantIsRefusedAndNothingIsWritten() {
            assertThatThrownBy(() -> recorder.record(envelope(id(1), "gone", "tran-1", T0, PHONE, null)))
                    .isInstanceOf(LeadRecorder.UnknownTenant.class)
                    .hasMessageContaining("gone");
            assertThat(ledger.exists(id(1))).isFalse();
        }

        // --- helpers --------------------------------------------------------------------------

        /** A 26-character, ULID-shaped id that sorts by n. */
        static String id(int n) {
            return String.format("01HZX3K4M5N6P7Q8R9S0T1%04d", n);
        }

        Lead lead(String id, String tenant, String source, String eventId, Instant receivedAt, String phone, String email) {
            LeadOrigin origin = new LeadOrigin(id, tenant, Channel.FORM, source, eventId, receivedAt, "ledger:payload/" + id);
            RawLead raw = new RawLead("Budi Santoso", null, null, phone == null ? null : List.of(phone),
                    email == null ? null : List.of(email), "PT Maju", "Tolong hubungi saya",
                    Map.of("utm_source", "google"), "ya", Map.of("kota", "Bandung"));
            return normalizer.normalize(origin, raw, "ID");
        }

        void insert(String id, String tenant, String source, String eventId, Instant receivedAt, String phone) {
            Lead lead = lead(id, tenant, source, eventId, receivedAt, phone, null);
            ledger.insert(lead, LeadStatus.QUEUED_CRM, List.of(
                            new JourneyEntry(receivedAt, LeadStatus.RECEIVED, "via " + source),
                            new JourneyEntry(receivedAt, LeadStatus.QUEUED_CRM, "handed to lintas.crm")),
                    "text/plain", id.getBytes(StandardCharsets.UTF_8), List.of("phone:" + lead.contact().phones().get(0)));
        }

        static IntakeEnvelope envelope(String id, String tenant, String eventId, Instant receivedAt, String phone,
                String spamReason) {
            RawLead raw = new RawLead("Budi Santoso", null, null, List.of(phone), List.of(), null,
                    "Saya tertarik", Map.of(), null, Map.of());
            byte[] payload = ("nama=Budi+Santoso&no_hp=" + phone + "&tranid=" + eventId).getBytes(StandardCharsets.UTF_8);
            return new IntakeEnvelope(id, tenant, Channel.FORM, "tilda", "contact", eventId, receivedAt, raw, spamReason,
                    "application/x-www-form-urlencoded", payload, List.of(), null, null);
        }

        static IntakeEnvelope with(IntakeEnvelope e, List<String> relatesTo, Duration repeatWindow, String skipReason) {
            return new IntakeEnvelope(e.id(), e.tenant(), e.channel(), e.source(), e.endpoint(), e.sourceEventId(),
                    e.receivedAt(), e.raw(), e.spamReason(), e.contentType(), e.payload(), relatesTo, repeatWindow,
                    skipReason);
        }

        static List<String> ids(List<StoredLead> leads) {
            return leads.stream().map(StoredLead::id).toList();
        }

        static String last(List<StoredLead> page) {
            return page.get(page.size() - 1).id();
        }
    }
}
