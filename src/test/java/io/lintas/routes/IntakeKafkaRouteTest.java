package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.flow.ApiIntake;
import io.lintas.flow.WebhookIntake;
import io.lintas.intake.IntakeDecision;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * routes/intake-kafka.camel.yaml against an in-JVM Kafka broker (KRaft, 127.0.0.1), the embedded
 * Artemis broker and the ledger: good records become leads, a record twice is one lead, refused
 * records land on the dead-letter topic with the reason, and offsets move only once a lead is durable.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lintas.kafka.brokers=${spring.embedded.kafka.brokers}",
        "lintas.kafka.group-id=" + IntakeKafkaRouteTest.GROUP,
        "lintas.kafka.retry.maximum-redeliveries=0"})
@EmbeddedKafka(kraft = true, count = 1, partitions = 1, topics = {IntakeKafkaRouteTest.TOPIC, IntakeKafkaRouteTest.DLT},
        brokerProperties = {"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0"})
@ActiveProfiles("test")
@DirtiesContext // the broker and the consumer go with this class
class IntakeKafkaRouteTest {

    static final String TOPIC = "lintas.leads.in";
    static final String DLT = "lintas.leads.in.dlt";
    static final String GROUP = "lintas-intake-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    /** Records whose external id starts with this fail once after they are queued, before the commit. */
    private static final String CRASH_PREFIX = "crash-";
    private static final AtomicBoolean advised = new AtomicBoolean();
    private static final AtomicBoolean crashed = new AtomicBoolean();
    private static final AtomicLong committedAtCrash = new AtomicLong(-1);

    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    EmbeddedKafkaBroker broker;

    KafkaProducer<String, byte[]> producer;
    Admin admin;

    @BeforeEach
    void clients() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        crashOnceBetweenQueueAndCommit();
    }

    @AfterEach
    void close() {
        producer.close();
        admin.close();
    }

    @Test
    void goodRecordsBecomeLeadsWithNormalisedFieldsAndTheirOffsetsAreCommitted() throws Exception {
        String inBody = "kafka-" + UUID.randomUUID();
        String inHeader = "kafka-" + UUID.randomUUID();
        String phone = "0812-5" + digits(7);

        send(inBody, """
                {"tenant": "acme", "externalId": "%s",
                 "contact": {"firstName": "Agus", "lastName": "Salim", "phones": ["%s"], "emails": ["AGUS@Example.ID"]},
                 "utm": {"source": "erp"}, "attributes": {"order": 42}}""".formatted(inBody, phone), null);
        send(inHeader, """
                {"externalId": "%s", "contact": {"fullName": "Иванов Иван"}, "message": "Перезвоните"}"""
                .formatted(inHeader), "acme");

        StoredLead first = awaitLead(inBody);
        JsonNode lead = first.lead();
        assertThat(first.status()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.path("channel").asText()).isEqualTo("API");
        assertThat(lead.path("source").asText()).isEqualTo("api");
        assertThat(lead.path("tenant").asText()).isEqualTo("acme");
        assertThat(lead.at("/contact/fullName").asText()).isEqualTo("Agus Salim");
        assertThat(lead.at("/contact/phones/0").asText()).isEqualTo("+62" + phone.substring(1).replace("-", ""));
        assertThat(lead.at("/contact/emails/0").asText()).isEqualTo("agus@example.id");
        assertThat(lead.at("/utm/source").asText()).isEqualTo("erp");
        assertThat(lead.at("/attributes/order").asText()).isEqualTo("42");
        StoredLead second = awaitLead(inHeader);
        assertThat(second.lead().path("tenant").asText()).as("tenant from the record header").isEqualTo("acme");
        assertThat(second.lead().path("message").asText()).isEqualTo("Перезвоните");

        awaitEverythingCommitted();
    }

    @Test
    void aRecordDeliveredTwiceIsOneLead() {
        String externalId = "kafka-" + UUID.randomUUID();
        String record = """
                {"tenant": "acme", "externalId": "%s", "contact": {"emails": ["twice%s@example.id"]}}"""
                .formatted(externalId, digits(6));

        send(externalId, record, null);
        send(externalId, record, null);

        await().atMost(WAIT).until(() -> ledger.findBySourceEvent("acme", "api", externalId)
                .flatMap(ledger::find).map(l -> !l.touches().isEmpty()).orElse(false));
        StoredLead lead = ledger.find(ledger.findBySourceEvent("acme", "api", externalId).orElseThrow()).orElseThrow();
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
    }

    @Test
    void refusedRecordsLandOnTheDeadLetterTopicWithTheReasonAndAreCommitted() throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, String> reasons = Map.of(
                run + "-json", "not valid JSON",
                run + "-schema", "/contact/phones/0: integer found, string expected",
                run + "-unknown", "unknown tenant",
                run + "-not-allowed", "does not take leads from Kafka",
                run + "-no-tenant", "no tenant",
                run + "-no-contact", "nothing to contact the lead by");
        Map<String, String> values = Map.of(
                run + "-json", "{\"tenant\": \"acme\", ",
                run + "-schema", "{\"tenant\": \"acme\", \"contact\": {\"phones\": [812]}}",
                run + "-unknown", "{\"tenant\": \"nowhere\", \"message\": \"hi\"}",
                run + "-not-allowed", "{\"tenant\": \"rusco\", \"message\": \"hi\"}",
                run + "-no-tenant", "{\"message\": \"hi\"}",
                run + "-no-contact", "{\"tenant\": \"acme\", \"contact\": {\"fullName\": \"Nobody\"}}");

        values.forEach((key, value) -> send(key, value, null));

        Map<String, ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(run, values.size());
        assertThat(deadLetters).containsOnlyKeys(values.keySet());
        deadLetters.forEach((key, record) -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("the record as it came").isEqualTo(values.get(key));
            assertThat(header(record, ApiIntake.DLT_REASON)).as(key).contains(reasons.get(key));
            assertThat(header(record, ApiIntake.DLT_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(record, ApiIntake.DLT_OFFSET)).matches("\\d+");
        });
        awaitEverythingCommitted();
    }

    @Test
    void aCrashBetweenQueueAndCommitRedeliversTheRecordAndItsExternalIdStopsASecondLead() throws Exception {
        awaitEverythingCommitted();
        long offset = endOffset();
        String externalId = CRASH_PREFIX + UUID.randomUUID();

        send(externalId, """
                {"tenant": "acme", "externalId": "%s", "contact": {"phones": ["0813-6%s"]}}"""
                .formatted(externalId, digits(7)), null);

        await().atMost(WAIT).until(() -> ledger.findBySourceEvent("acme", "api", externalId)
                .flatMap(ledger::find).map(l -> !l.touches().isEmpty()).orElse(false));
        assertThat(crashed).isTrue();
        assertThat(committedAtCrash.get()).as("the queued record was not committed before the crash").isEqualTo(offset);
        StoredLead lead = ledger.find(ledger.findBySourceEvent("acme", "api", externalId).orElseThrow()).orElseThrow();
        assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
        awaitEverythingCommitted();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Once per context: a record marked for it fails after its lead is queued, before its offset is committed. */
    private void crashOnceBetweenQueueAndCommit() throws Exception {
        if (!advised.compareAndSet(false, true)) {
            return;
        }
        String brokers = broker.getBrokersAsString();
        AdviceWith.adviceWith(camel, "intake-kafka", route -> route.weaveById("commit-offset").before().process(exchange -> {
            IntakeDecision decision = exchange.getProperty(WebhookIntake.DECISION, IntakeDecision.class);
            boolean marked = decision != null && decision.envelope().sourceEventId() != null
                    && decision.envelope().sourceEventId().startsWith(CRASH_PREFIX);
            if (marked && crashed.compareAndSet(false, true)) {
                try (Admin atCrash = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
                    committedAtCrash.set(committedOffset(atCrash));
                }
                throw new IllegalStateException("simulated crash after the lead is queued, before the commit");
            }
        }));
    }

    private void send(String key, String value, String tenantHeader) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8));
        if (tenantHeader != null) {
            record.headers().add(ApiIntake.TENANT_RECORD_HEADER, tenantHeader.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("test record not sent", e);
        }
    }

    private StoredLead awaitLead(String externalId) {
        await().atMost(WAIT).until(() -> ledger.findBySourceEvent("acme", "api", externalId).isPresent());
        return ledger.find(ledger.findBySourceEvent("acme", "api", externalId).orElseThrow()).orElseThrow();
    }

    private void awaitEverythingCommitted() throws Exception {
        long end = endOffset();
        await().atMost(WAIT).until(() -> committedOffset() >= end);
    }

    private long endOffset() throws Exception {
        return admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).all().get().get(PARTITION).offset();
    }

    private long committedOffset() throws Exception {
        return committedOffset(admin);
    }

    private static long committedOffset(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        return Optional.ofNullable(offsets.get(PARTITION)).map(OffsetAndMetadata::offset).orElse(0L);
    }

    private Map<String, ConsumerRecord<String, byte[]>> readDeadLetters(String run, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + run);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLT));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(run)) {
                        found.put(r.key(), r);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String digits(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(ThreadLocalRandom.current().nextInt(10));
        }
        return out.toString();
    }
}
