package io.lintas.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lintas.LintasApplication;
import io.lintas.flow.MailboxRoutes;
import io.lintas.ledger.LeadLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two hub instances (two application contexts) on one standalone Artemis broker (TCP), one PostgreSQL
 * and one Kafka broker (KRaft): leads posted to both and read from Kafka spread over both instances'
 * consumers, none is pushed to the CRM twice, and when one instance stops mid-load the other finishes
 * the work and takes over the tenant's mailbox and the billing schedule.
 */
class TwoInstancesTest {

    static final String TOPIC = "lintas.leads.in";
    static final String GROUP = "lintas-cluster-test";
    static final String MAILBOX_LEASE = MailboxRoutes.lease(MailboxRoutes.routeId("acme", "sales"));
    static final String SCHEDULE_LEASE = "route:billing-due";
    static final Duration WAIT = Duration.ofSeconds(90);

    static EmbeddedActiveMQ artemis;
    static EmbeddedPostgres postgres;
    static EmbeddedKafkaKraftBroker kafka;
    static WireMockServer portal;
    static final CrmStandIn CRM = new CrmStandIn();
    static GreenMail imap;
    static GreenMailUser inbox;
    static Path tenantsFile;
    static int artemisPort;

    static Instance a;
    static Instance b;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One application context and what it processed, counted by route. */
    record Instance(String id, ConfigurableApplicationContext context, Map<String, AtomicInteger> done) {
        int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        int done(String routeId) {
            AtomicInteger n = done.get(routeId);
            return n == null ? 0 : n.get();
        }

        CamelContext camel() {
            return context.getBean(CamelContext.class);
        }
    }

    @BeforeAll
    static void engines() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            artemisPort = free.getLocalPort();
        }
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + artemisPort);
        artemis = new EmbeddedActiveMQ().setConfiguration(config);
        artemis.start();

        postgres = EmbeddedPostgres.start();

        kafka = new EmbeddedKafkaKraftBroker(1, 2, TOPIC, TOPIC + ".dlt");
        kafka.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();

        portal = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(CRM));
        portal.start();
        portal.stubFor(post(urlPathMatching("/rest/1/acme-webhook-code/batch.json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(40)));

        imap = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        imap.start();
        inbox = imap.setUser("leads@acme.test", "leads", "imap-secret");

        tenantsFile = Files.createDirectories(Path.of("target", "cluster-test")).resolve("tenants.yaml");
        Files.writeString(tenantsFile, tenants(portal.port(), imap.getImap().getPort()));

        a = start("a");
        await().atMost(WAIT).until(() -> "a".equals(holder(a, MAILBOX_LEASE)) && "a".equals(holder(a, SCHEDULE_LEASE)));
        b = start("b");
    }

    @AfterAll
    static void stopEngines() throws Exception {
        for (Instance i : new Instance[] {b, a}) {
            if (i != null && i.context().isActive()) {
                i.context().close();
            }
        }
        if (imap != null) {
            imap.stop();
        }
        if (portal != null) {
            portal.stop();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (artemis != null) {
            artemis.stop();
        }
    }

    @Test
    void leadsSpreadOverBothNoneTwiceAndTheSurvivorFinishesTheWork() throws Exception {
        assertThat(routeStatus(a, MailboxRoutes.routeId("acme", "sales"))).isEqualTo(ServiceStatus.Started);
        assertThat(routeStatus(b, MailboxRoutes.routeId("acme", "sales"))).as("one instance polls the mailbox").isNull();
        assertThat(routeStatus(a, "billing-due")).isEqualTo(ServiceStatus.Started);
        assertThat(routeStatus(b, "billing-due")).as("one instance runs the schedule").isEqualTo(ServiceStatus.Stopped);

        // first wave: web forms posted to both, Kafka records read by both (one partition each), a mail read by a
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forms.add(postForm(i % 2 == 0 ? a : b, "w1-" + i));
        }
        awaitKafkaConsumers(2);
        List<String> kafkaLeads = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 20; i++) {
                String id = "k-" + i;
                producer.send(new ProducerRecord<>(TOPIC, id, """
                        {"tenant": "acme", "externalId": "%s", "contact": {"fullName": "Kafka %d", "phones": ["0813%08d"]}}"""
                        .formatted(id, i, 20_000_000 + i))).get();
                kafkaLeads.add(id);
            }
        }
        deliverMail("<before-stop@klien.example.id>", "Budi", "0812 7000 0001");
        await().atMost(WAIT).until(() -> leadOf(a, "email", "<before-stop@klien.example.id>") != null
                && forms.stream().allMatch(f -> leadOf(a, "tilda", f) != null)
                && kafkaLeads.stream().allMatch(k -> leadOf(a, "api", k) != null));

        assertThat(a.done("lead-pipeline")).as("a's pipeline consumers took some").isPositive();
        assertThat(b.done("lead-pipeline")).as("b's pipeline consumers took some").isPositive();
        assertThat(a.done("intake-kafka")).as("a read a partition").isPositive();
        assertThat(b.done("intake-kafka")).as("b read a partition").isPositive();
        assertThat(a.done(MailboxRoutes.routeId("acme", "sales"))).as("the mailbox holder read the mail").isPositive();
        assertThat(b.done(MailboxRoutes.routeId("acme", "sales"))).isZero();

        // second wave: a stops while leads are still coming in and queued; b takes the rest and the mailbox
        List<String> wave2 = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            wave2.add(postForm(i % 2 == 0 ? a : b, "w2-" + i));
        }
        Thread stopping = new Thread(() -> a.context().close(), "stop-instance-a");
        stopping.start();
        for (int i = 20; i < 40; i++) {
            wave2.add(postForm(b, "w2-" + i));
        }
        stopping.join(WAIT.toMillis());
        assertThat(a.context().isActive()).isFalse();

        await().atMost(WAIT).until(() -> "b".equals(holder(b, MAILBOX_LEASE)) && "b".equals(holder(b, SCHEDULE_LEASE)));
        await().atMost(WAIT).until(() -> routeStatus(b, MailboxRoutes.routeId("acme", "sales")) == ServiceStatus.Started
                && routeStatus(b, "billing-due") == ServiceStatus.Started);
        deliverMail("<after-stop@klien.example.id>", "Sari", "0812 7000 0002");

        List<String> leadIds = new ArrayList<>();
        await().atMost(WAIT).until(() -> leadOf(b, "email", "<after-stop@klien.example.id>") != null
                && wave2.stream().allMatch(f -> leadOf(b, "tilda", f) != null));
        for (String f : forms) {
            leadIds.add(leadOf(b, "tilda", f));
        }
        for (String f : wave2) {
            leadIds.add(leadOf(b, "tilda", f));
        }
        for (String k : kafkaLeads) {
            leadIds.add(leadOf(b, "api", k));
        }
        leadIds.add(leadOf(b, "email", "<before-stop@klien.example.id>"));
        leadIds.add(leadOf(b, "email", "<after-stop@klien.example.id>"));
        assertThat(leadIds).doesNotHaveDuplicates().hasSize(40 + 40 + 20 + 2);
        assertThat(b.done(MailboxRoutes.routeId("acme", "sales"))).as("the survivor read the mail").isPositive();

        await().atMost(WAIT).until(() -> leadIds.stream().allMatch(id -> CRM.adds().containsKey(id)));
        assertThat(CRM.adds().keySet()).as("no lead the hub did not take").containsExactlyInAnyOrderElementsOf(leadIds);
        assertThat(CRM.adds().values().stream().map(AtomicInteger::get)).as("each lead pushed once").allMatch(n -> n == 1);
        Integer leads = b.context().getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM lead WHERE tenant = 'acme'", Integer.class);
        assertThat(leads).isEqualTo(leadIds.size());
        System.out.printf("cluster test: lead-pipeline a=%d b=%d, deliver-crm a=%d b=%d, intake-kafka a=%d b=%d%n",
                a.done("lead-pipeline"), b.done("lead-pipeline"), a.done("deliver-crm"), b.done("deliver-crm"),
                a.done("intake-kafka"), b.done("intake-kafka"));
    }

    static Instance start(String id) {
        Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        EventNotifierSupport counter = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed && completed.getExchange().getFromRouteId() != null) {
                    done.computeIfAbsent(completed.getExchange().getFromRouteId(), r -> new AtomicInteger()).incrementAndGet();
                }
            }
        };
        counter.setIgnoreCamelContextEvents(true);
        counter.setIgnoreRouteEvents(true);
        counter.setIgnoreServiceEvents(true);
        counter.setIgnoreExchangeSendingEvents(true);
        counter.setIgnoreExchangeSentEvents(true);
        counter.setIgnoreStepEvents(true);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LintasApplication.class)
                .profiles("test")
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clusterTestCounter", counter))
                .run( // arguments: they win over the test profile's file
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.artemis.mode=native",
                        "--spring.artemis.broker-url=tcp://127.0.0.1:" + artemisPort,
                        "--lintas.kafka.brokers=" + kafka.getBrokersAsString(),
                        "--lintas.kafka.group-id=" + GROUP,
                        "--lintas.tenants.file=file:" + tenantsFile.toAbsolutePath(),
                        "--lintas.delivery.auto-startup=true",
                        "--lintas.data-dir=target/cluster-test/" + id,
                        "--lintas.cluster.instance-id=" + id,
                        "--lintas.cluster.lease-ttl=3s",
                        "--lintas.cluster.renew-every=250ms",
                        "--camel.main.name=lintas-" + id,
                        "--spring.jmx.unique-names=true",       // two instances share this JVM's MBean server
                        "--server.port=0");
        return new Instance(id, context, done);
    }

    static String tenants(int portalPort, int imapPort) {
        return """
                tenants:
                  - id: acme
                    name: Acme Indonesia
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    dedupe-window: 1h
                    forms:
                      - id: tilda
                        kind: tilda
                        api-key: acme-tilda-key
                    api:
                      keys: [acme-api-key-0001-test]
                      kafka: true
                    mailboxes:
                      - id: sales
                        host: 127.0.0.1
                        port: %d
                        tls: false
                        username: leads
                        password: imap-secret
                        folder: INBOX
                        poll-delay: 200ms
                        own-domains: [acme.co.id]
                    bitrix24:
                      webhook-url: http://127.0.0.1:%d/rest/1/acme-webhook-code/
                      domain: some-domain.bitrix24.com
                      member-id: d897063e1ce7c5eb9f04b9751eef5915
                      application-token: jvh9y1ulvt2m6k5or90v9mg8nn32ozas
                    crm:
                      system: bitrix24
                      responsible: "1"
                """.formatted(imapPort, portalPort);
    }

    static String postForm(Instance to, String tranid) throws Exception {
        int n = Math.abs(tranid.hashCode() % 10_000_000);
        String body = "Name=" + URLEncoder.encode("Lead " + tranid, StandardCharsets.UTF_8) + "&Phone=" + "0812" + String.format("%08d", n)
                + "&tranid=" + URLEncoder.encode(tranid, StandardCharsets.UTF_8);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + "/hooks/acme/forms/tilda"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-API-Key", "acme-tilda-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("lead %s taken by %s: %s", tranid, to.id(), answer.body()).isEqualTo(200);
        return tranid;
    }

    static void deliverMail(String messageId, String name, String phone) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(name.toLowerCase() + "@klien.example.id", name));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "leads@acme.test");
        mail.setSubject("Permintaan penawaran", "UTF-8");
        mail.setText("Halo, tolong hubungi saya di " + phone + ".\n" + name, "UTF-8");
        mail.setSentDate(java.util.Date.from(Instant.now()));
        mail.saveChanges();
        inbox.deliver(mail);
    }

    static String leadOf(Instance on, String source, String sourceEventId) {
        return on.context().getBean(LeadLedger.class).findBySourceEvent("acme", source, sourceEventId).orElse(null);
    }

    static String holder(Instance on, String lease) {
        return on.context().getBean(SqlLeases.class).holder(lease, Instant.now());
    }

    static ServiceStatus routeStatus(Instance on, String routeId) {
        return on.camel().getRouteController().getRouteStatus(routeId);
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    static void awaitKafkaConsumers(int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
            await().atMost(WAIT).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                return group.members().size() == members
                        && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

}
