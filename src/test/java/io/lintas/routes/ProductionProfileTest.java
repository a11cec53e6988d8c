package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.lintas.flow.LifecycleRelay;
import io.lintas.flow.Stages;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The prod profile on real engines: a standalone ActiveMQ Artemis server reached over TCP
 * (spring.artemis.mode=native), PostgreSQL (migrated by Flyway on start), and an in-JVM KRaft Kafka
 * broker for lifecycle events; Bitrix24 is WireMock. A lead posted to a webhook reaches the CRM and
 * its task; its lifecycle events reach the topic keyed by its id, each valid against
 * schema/lifecycle-event-v1.schema.json. Kafka is down at first: the lead is delivered all the same
 * and its events wait in the outbox until the broker comes up.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",                       // the profile's 0.0.0.0 is for containers, not a shared test host
        "lintas.tenants.file=classpath:tenants-test.yaml",
        "lintas.admin.password=prod-test-admin-password",
        "lintas.data-dir=target/test-data/prod",
        "lintas.mail.enabled=false",
        "lintas.delivery.auto-startup=false",             // started once the lead's CRM answers are stubbed
        "lintas.redelivery.maximum-redeliveries=2",
        "lintas.redelivery.initial-delay=20",
        "lintas.redelivery.maximum-delay=200",
        "lintas.bitrix24.response-timeout=2s",
        "lintas.lifecycle.poll-interval=200",
        "lintas.lifecycle.send-timeout=2000",
        "lintas.lifecycle.request-timeout=1000",
        "lintas.kafka.properties.client.dns.lookup=use_all_dns_ips"})
@ActiveProfiles("prod")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionProfileTest {

    private static final String TOPIC = "lintas.lifecycle";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int ARTEMIS_PORT = freePort();
    /**
     * The app's Kafka bootstrap port, fixed up front: nothing listens there while "Kafka is down"; once the
     * broker runs (on ports the KRaft test kit picks), a gate forwards this port to it.
     */
    private static final int KAFKA_PORT = freePort();
    private static EmbeddedActiveMQ artemis;
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static TcpGate kafkaGate;

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfigurableApplicationContext context;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        artemis = standaloneArtemis(ARTEMIS_PORT);
        postgres = EmbeddedPostgres.start();
        registry.add("spring.artemis.broker-url", () -> "tcp://127.0.0.1:" + ARTEMIS_PORT);
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("lintas.kafka.brokers", () -> "127.0.0.1:" + KAFKA_PORT);
        registry.add("lintas.test.bitrix24-url", () -> WireMockPortal.webhookUrl() + "/");
    }

    /**
     * An Artemis server of its own, over TCP, with the address settings an operator gives the stage
     * queues (docs/production.md shows them as broker.xml): redelivery with a growing delay, dead-letter
     * addresses as a last resort.
     */
    private static EmbeddedActiveMQ standaloneArtemis(int port) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        for (String stage : Stages.ALL) {
            config.addAddressSetting(Stages.queue(stage), new AddressSettings().setRedeliveryDelay(20)
                    .setRedeliveryMultiplier(2).setMaxRedeliveryDelay(200).setMaxDeliveryAttempts(6)
                    .setDeadLetterAddress(SimpleString.of(Stages.deadLetterQueue(stage))).setDefaultGroupBuckets(1024));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        return server;
    }

    @AfterAll
    static void stopEngines(@Autowired CamelContext camel) throws Exception {
        camel.stop(); // the routes first: no consumer or relay should outlive the brokers and the database
        if (kafka != null) {
            kafkaGate.close();
            kafka.destroy();
        }
        artemis.stop();
        postgres.close();
    }

    @Test
    @Order(1)
    void withKafkaDownALeadIsStillDeliveredAndItsEventsGoOutOnceKafkaIsBack() throws Exception {
        assertThat(kafka).as("Kafka has not been started yet").isNull();
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class))
                .as("Flyway applied every migration to PostgreSQL on start").isEqualTo(new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/migration/V*__*.sql").length);
        assertThat(context.getBeansOfType(EmbeddedActiveMQ.class)).as("no embedded broker in the prod profile").isEmpty();
        assertThat(camel.getComponent("kafka", KafkaComponent.class).getConfiguration().getAdditionalProperties())
                .as("lintas.kafka.properties.* reach the Kafka clients").containsEntry("client.dns.lookup", "use_all_dns_ips");

        String leadId = postTildaLead("down-" + UUID.randomUUID());
        deliverToCrm(leadId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT attempts FROM lifecycle_outbox WHERE event_key = ? AND attempts > 0", Integer.class, leadId))
                .as("the relay tried and failed; the events wait").hasSize(4));
        Queue intake = artemis.getActiveMQServer().locateQueue(SimpleString.of(Stages.queue("intake")));
        assertThat(intake).as("the lead crossed the standalone broker").isNotNull();
        assertThat(intake.getMessagesAdded()).isPositive();

        startKafka();

        List<ConsumerRecord<String, String>> events = awaitEvents(leadId, 4);
        assertThat(types(events)).containsExactly("lead.received", "lead.normalised", "lead.delivered", "lead.task_created");
        assertValid(events, leadId);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM lifecycle_outbox WHERE event_key = ?", Integer.class, leadId)).isZero());
    }

    @Test
    @Order(2)
    void aLeadSentTwiceIsDeliveredOnceAndEveryStepIsOnTheTopicKeyedByTheLead() throws Exception {
        startKafka();
        String tranId = "up-" + UUID.randomUUID();
        String leadId = postTildaLead(tranId);
        assertThat(postTildaLead(tranId)).as("the second copy is folded into the first lead").isEqualTo(leadId);
        await().atMost(WAIT).until(() -> ledger.find(leadId).orElseThrow().touches().size() == 1);
        deliverToCrm(leadId);

        List<ConsumerRecord<String, String>> events = awaitEvents(leadId, 5);
        assertThat(types(events)).containsSubsequence("lead.received", "lead.normalised", "lead.delivered", "lead.task_created")
                .containsOnlyOnce("lead.deduplicated");
        assertValid(events, leadId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE source_event_id = ?", Integer.class, tranId))
                .isEqualTo(1);
        assertThat(WireMockPortal.BITRIX24.findAll(postRequestedFor(urlEqualTo(WireMockPortal.BATCH))
                .withRequestBody(containing(leadId + "_lead")))).as("one CRM lead").hasSize(1);
    }

    @AfterEach
    void stopDelivery() throws Exception {
        IdleStop.stop(camel, "deliver-crm", "deliver-crm-tasks"); // the next lead waits until its answers are stubbed
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Posts a Tilda form and waits for the pipeline: the lead carrying this Tilda tranid. */
    private String postTildaLead(String tranId) {
        HttpResponse<String> response = new WebhookClient(port).form("/hooks/acme/forms/tilda",
                "Name=Putri+Lestari&Phone=0812-9999-" + (1000 + Math.abs(tranId.hashCode() % 9000))
                        + "&Email=putri." + Math.abs(tranId.hashCode()) + "%40example.id&tranid=" + tranId,
                "X-API-Key", "acme-tilda-key");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return await().atMost(WAIT).until(() -> ledger.findBySourceEvent("acme", "tilda", tranId), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Bitrix24 answers this lead's calls as the contract shows, then the CRM and task stages run. */
    private void deliverToCrm(String leadId) throws Exception {
        Map<String, String> none = new LinkedHashMap<>();
        for (String suffix : List.of("ol", "od", "cp", "ce", "lp", "le", "op", "oe")) {
            none.put(leadId + "_" + suffix, "[]");
        }
        WireMockPortal.stubBatch(leadId + "_ol", WireMockPortal.ok(none));
        WireMockPortal.stubBatch(leadId + "_lead", WireMockPortal.ok(Map.of(leadId + "_lead", "4711")));
        WireMockPortal.stubBatch(leadId + "_tl", WireMockPortal.ok(Map.of(leadId + "_tl", "{\"tasks\":[]}")));
        WireMockPortal.stubBatch(leadId + "_ta", WireMockPortal.ok(Map.of(leadId + "_ta",
                "{\"task\":{\"id\":\"5711\",\"status\":\"2\"}}")));
        camel.getRouteController().startRoute("deliver-crm");
        camel.getRouteController().startRoute("deliver-crm-tasks");
        await().atMost(WAIT).until(() -> ledger.find(leadId).orElseThrow().journey().stream()
                .anyMatch(e -> e.status().equals(LeadStatus.TASK_CREATED)));
    }

    private static synchronized void startKafka() throws IOException {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
            broker.brokerProperties(Map.of("offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
            broker.afterPropertiesSet();
            String[] hostPort = broker.getBrokersAsString().split(",")[0].split(":");
            kafkaGate = TcpGate.open(KAFKA_PORT, Integer.parseInt(hostPort[hostPort.length - 1]));
            kafka = broker;
        }
    }

    /** Every record of the topic keyed by this lead, in topic order, once there are at least {@code count}. */
    private static List<ConsumerRecord<String, String>> awaitEvents(String leadId, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "analytics-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (leadId.equals(r.key())) {
                        mine.add(r);
                    }
                }
                return mine.size() >= count;
            });
            return mine;
        }
    }

    private static List<String> types(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(r -> {
            try {
                return JSON.readTree(r.value()).path("type").asText();
            } catch (IOException e) {
                throw new AssertionError(r.value(), e);
            }
        }).toList();
    }

    private static void assertValid(List<ConsumerRecord<String, String>> events, String leadId) throws IOException {
        JsonSchema schema;
        try (InputStream in = ProductionProfileTest.class.getResourceAsStream("/schema/lifecycle-event-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : events) {
            JsonNode event = JSON.readTree(r.value());
            assertThat(schema.validate(event)).as(r.value()).isEmpty();
            assertThat(event.path("leadId").asText()).isEqualTo(leadId);
            assertThat(event.path("tenant").asText()).isEqualTo("acme");
            assertThat(header(r, LifecycleRelay.TYPE_HEADER)).isEqualTo(event.path("type").asText());
            assertThat(header(r, LifecycleRelay.ID_HEADER)).isEqualTo(event.path("id").asText());
            ids.add(event.path("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
