package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.lintas.connector.bitrix24.PortalRateLimiter;
import io.lintas.flow.QueueHeaders;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.jms.Message;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;

/**
 * routes/intake-crm-bitrix24.camel.yaml and connectors/bitrix24-rest-action.kamelet.yaml against the
 * real application and a WireMock portal: Bitrix24 events in the exact form Bitrix24 posts them,
 * portal answers from the contract sheet (A1, A5, A6).
 */
class IntakeCrmBitrix24RouteTest extends WireMockPortal {

    static final String PORTAL = "some-domain.bitrix24.com";
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000, 100_000) * 100);

    @LocalServerPort
    int port;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JmsTemplate jms;
    @Autowired
    PortalRateLimiter limiter;
    @Autowired
    EmbeddedActiveMQ broker;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    @Test
    void aNewCrmLeadBecomesOneLintasLeadEvenWhenTheEventIsDeliveredTwice() {
        String id = nextId();
        String phone = phone();
        stubLeadGet(id, record(id, phone, null, null));
        String body = event("ONCRMLEADADD", id, now());
        long queuedBefore = added("lintas.crm-events");

        HttpResponse<String> first = deliver(body);
        HttpResponse<String> second = deliver(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(added("lintas.crm-events") - queuedBefore).as("the broker kept one of the two deliveries").isEqualTo(1);
        StoredLead lead = awaitLead("LEAD:" + id);
        assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.lead().at("/channel").asText()).isEqualTo("CRM");
        assertThat(lead.lead().at("/source").asText()).isEqualTo("bitrix24");
        assertThat(lead.lead().at("/contact/firstName").asText()).isEqualTo("Gleb");
        assertThat(lead.lead().at("/contact/lastName").asText()).isEqualTo("Titov");
        assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo(phone);
        assertThat(lead.lead().at("/contact/emails/0").asText()).isEqualTo("gleb.titov." + id + "@example.com");
        assertThat(lead.lead().at("/contact/company").asText()).isEqualTo("IP Titov");
        assertThat(lead.lead().at("/message").asText()).isEqualTo("Please call me back after 5 pm");
        assertThat(lead.lead().at("/utm/source").asText()).isEqualTo("google");
        assertThat(lead.lead().at("/utm/campaign").asText()).isEqualTo("spring-sale");
        assertThat(lead.lead().at("/attributes/SOURCE_ID").asText()).isEqualTo("WEB");
        assertThat(lead.lead().at("/attributes/TITLE").asText()).isEqualTo("Lead from the website");
        assertThat(lead.lead().at("/attributes/bitrix24.id").asText()).isEqualTo(id);
        // the second delivery never reached the queue: one fetch, no duplicate touch, nothing waiting
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .withHeader("User-Agent", equalTo("lintas/1"))
                .withoutHeader(QueueHeaders.TENANT).withoutHeader(QueueHeaders.LEAD_ID).withoutHeader("JMSXGroupID"));
        assertThat(lead.touches()).isEmpty();
        assertThat(waiting("lintas.crm-events")).isZero();
    }

    @Test
    void theSameRecordAddedAgainInALaterDeliveryIsADuplicateTouchNotASecondLead() {
        String id = nextId();
        stubLeadGet(id, record(id, phone(), null, null));
        long ts = now();

        assertThat(deliver(event("ONCRMLEADADD", id, ts)).statusCode()).isEqualTo(200);
        String leadId = awaitLead("LEAD:" + id).id();
        assertThat(deliver(event("ONCRMLEADADD", id, ts + 1)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !ledger.find(leadId).orElseThrow().touches().isEmpty());
        assertThat(ledger.find(leadId).orElseThrow().touches())
                .singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
    }

    @Test
    void anUpdateOfAKnownLeadIsAJourneyEntryOnIt() {
        String id = nextId();
        stubLeadGet(id, record(id, phone(), null, null));
        assertThat(deliver(event("ONCRMLEADADD", id, now())).statusCode()).isEqualTo(200);
        String leadId = awaitLead("LEAD:" + id).id();

        assertThat(deliver(event("ONCRMLEADUPDATE", id, now() + 1)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !ledger.find(leadId).orElseThrow().touches().isEmpty());
        StoredLead lead = ledger.find(leadId).orElseThrow();
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.REPLY));
        assertThat(lead.journey()).anySatisfy(j -> assertThat(j.detail()).contains("ONCRMLEADUPDATE lead " + id));
    }

    @Test
    void aDealOfAKnownLeadIsAJourneyEntryAndAnUnlinkedDealIsKeptAsSkipped() {
        String leadRecordId = nextId();
        stubLeadGet(leadRecordId, record(leadRecordId, phone(), null, null));
        assertThat(deliver(event("ONCRMLEADADD", leadRecordId, now())).statusCode()).isEqualTo(200);
        String leadId = awaitLead("LEAD:" + leadRecordId).id();
        String dealId = nextId();
        String orphanDealId = nextId();
        stubDealGet(dealId, deal(dealId, leadRecordId, "WON"));
        stubDealGet(orphanDealId, deal(orphanDealId, null, "NEW"));
        long ts = now();

        assertThat(deliver(event("ONCRMDEALUPDATE", dealId, ts)).statusCode()).isEqualTo(200);
        assertThat(deliver(event("ONCRMDEALADD", orphanDealId, ts)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !ledger.find(leadId).orElseThrow().touches().isEmpty());
        assertThat(ledger.find(leadId).orElseThrow().journey())
                .anySatisfy(j -> assertThat(j.detail()).contains("ONCRMDEALUPDATE deal " + dealId + ", stage WON"));
        StoredLead orphan = awaitLead("DEAL:" + orphanDealId + ":ONCRMDEALADD:" + ts);
        assertThat(orphan.status()).isEqualTo(LeadStatus.SKIPPED);
        assertThat(orphan.journey()).anySatisfy(j -> assertThat(j.detail()).contains("deal not linked"));
    }

    @Test
    void wrongTokenForeignPortalOrStaleTsAre401AndNothingIsFetched() {
        String id = nextId();
        String good = event("ONCRMLEADADD", id, now());

        HttpResponse<String> token = deliver(good.replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "jvh9y1ulvt2m6k5or90v9mg8nn32ozaX"));
        HttpResponse<String> noToken = deliver(good.replace("&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas", ""));
        HttpResponse<String> member = deliver(good.replace("d897063e1ce7c5eb9f04b9751eef5915", "00000000000000000000000000000000"));
        HttpResponse<String> domain = deliver(good.replace("auth%5Bdomain%5D=some-domain", "auth%5Bdomain%5D=other-domain"));
        HttpResponse<String> stale = deliver(event("ONCRMLEADADD", id, now() - 3600));
        HttpResponse<String> future = deliver(event("ONCRMLEADADD", id, now() + 3600));
        HttpResponse<String> contractExample = deliver(read("event-oncrmleadadd.txt")); // ts of 2025-12-18: long stale

        assertThat(List.of(token, noToken, member, domain, stale, future, contractExample))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(token.body()).contains("application_token");
        assertThat(member.body()).contains("member_id");
        assertThat(domain.body()).contains("auth[domain]");
        assertThat(stale.body()).contains("stale event").contains("replay window");
        assertThat(client.form("/hooks/nobody/crm/bitrix24", good).statusCode()).isEqualTo(404);
        assertThat(client.form("/hooks/rusco/crm/bitrix24", good).statusCode()).isEqualTo(404);
        assertThat(client.post("/hooks/acme/crm/bitrix24", "application/json", "{}").statusCode()).isEqualTo(415);
        BITRIX24.verify(0, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}")));
    }

    @Test
    void aRecordLintasWroteItselfIsSkippedNeverANewLead() {
        String id = nextId();
        stubLeadGet(id, record(id, phone(), "lintas", "01JDQ7M0000000000000000000"));
        long ts = now();

        assertThat(deliver(event("ONCRMLEADADD", id, ts)).statusCode()).isEqualTo(200);

        StoredLead skipped = awaitLead("LEAD:" + id + ":ONCRMLEADADD:" + ts);
        assertThat(skipped.status()).isEqualTo(LeadStatus.SKIPPED);
        assertThat(skipped.journey()).anySatisfy(j -> assertThat(j.detail())
                .contains("written by Lintas for lead 01JDQ7M0000000000000000000"));
        assertThat(ledger.findBySourceEvent("acme", "bitrix24", "LEAD:" + id)).isEmpty();
    }

    @Test
    void queryLimitExceededIsRetriedAndDeliveredOnceWithTheLimiterSlowedDown() {
        String id = nextId();
        long throttledBefore = limiter.throttledCount(PORTAL);
        String scenario = "limit-" + id;
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(read("query-limit-exceeded.json")))
                .willSetStateTo("drained"));
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .inScenario(scenario).whenScenarioStateIs("drained")
                .willReturn(json(record(id, phone(), null, null))));

        assertThat(deliver(event("ONCRMLEADADD", id, now())).statusCode()).isEqualTo(200);

        StoredLead lead = awaitLead("LEAD:" + id);
        assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.touches()).isEmpty();
        BITRIX24.verify(2, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}")));
        assertThat(limiter.throttledCount(PORTAL)).isGreaterThan(throttledBefore);
    }

    @Test
    void aPermanentErrorGoesToTheDeadLetterQueueWithTheErrorDescription() {
        String id = nextId();
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(read("not-found.json"))));

        assertThat(deliver(event("ONCRMLEADADD", id, now())).statusCode()).isEqualTo(200);

        Message dead = await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLetterFor(id), Optional::isPresent).orElseThrow();
        assertThat(header(dead, QueueHeaders.FAILURE_REASON)).contains("error_description='Not found'")
                .contains("crm.lead.get").contains("permanent");
        assertThat(header(dead, QueueHeaders.FAILED_STAGE)).isEqualTo("crm-events");
        // permanent: one call, no retries
        BITRIX24.verify(1, postRequestedFor(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}")));
        // the flow stopped there: nothing went on to the pipeline
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> ledger.findBySourceEvent("acme", "bitrix24", "LEAD:" + id).isEmpty());
    }

    // --- helpers ------------------------------------------------------------------------------

    private HttpResponse<String> deliver(String body) {
        return client.form("/hooks/acme/crm/bitrix24", body);
    }

    /** The contract's raw body (A6) with this test's event, record id and ts. */
    private static String event(String event, String id, long ts) {
        return read("event-oncrmleadadd.txt")
                .replace("event=ONCRMLEADADD", "event=" + event)
                .replace("%5BID%5D=1000983", "%5BID%5D=" + id)
                .replace("ts=1766047124", "ts=" + ts);
    }

    /** crm.lead.get's answer from the contract (A1, A5), for this record, person and originator. */
    private static String record(String id, String phone, String originator, String origin) {
        return read("crm.lead.get.json")
                .replace("\"ID\": \"1000983\"", "\"ID\": \"" + id + "\"")
                .replace("+15454777777", phone)
                .replace("Gleb.Titov@Example.com", "Gleb.Titov." + id + "@Example.com")
                .replace("\"ORIGINATOR_ID\": null", originator == null ? "\"ORIGINATOR_ID\": null" : "\"ORIGINATOR_ID\": \"" + originator + "\"")
                .replace("\"ORIGIN_ID\": null", origin == null ? "\"ORIGIN_ID\": null" : "\"ORIGIN_ID\": \"" + origin + "\"");
    }

    private static String deal(String id, String leadId, String stage) {
        return "{\"result\":{\"ID\":\"" + id + "\",\"TITLE\":\"Deal #" + id + "\",\"TYPE_ID\":\"SALE\",\"CATEGORY_ID\":\"0\","
                + "\"STAGE_ID\":\"" + stage + "\",\"CURRENCY_ID\":\"IDR\",\"OPPORTUNITY\":\"1500000.00\","
                + "\"LEAD_ID\":" + (leadId == null ? "null" : "\"" + leadId + "\"") + ",\"CONTACT_ID\":\"84\","
                + "\"ORIGINATOR_ID\":null,\"ORIGIN_ID\":null,\"SOURCE_ID\":\"CALLBACK\",\"UTM_SOURCE\":\"google\"},"
                + "\"time\":{\"start\":1705764932.998683,\"finish\":1705764933.17,\"duration\":0.17,\"operating\":0}}";
    }

    private static void stubLeadGet(String id, String answer) {
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.lead.get.json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .willReturn(json(answer)));
    }

    private static void stubDealGet(String id, String answer) {
        BITRIX24.stubFor(post(urlEqualTo(WEBHOOK_PATH + "/crm.deal.get.json"))
                .withRequestBody(equalToJson("{\"id\":\"" + id + "\"}"))
                .willReturn(json(answer)));
    }

    private StoredLead awaitLead(String sourceEventId) {
        String leadId = await().atMost(Duration.ofSeconds(20))
                .until(() -> ledger.findBySourceEvent("acme", "bitrix24", sourceEventId), Optional::isPresent)
                .orElseThrow();
        return ledger.find(leadId).orElseThrow();
    }

    private Optional<Message> deadLetterFor(String id) {
        List<Message> found = jms.browse("lintas.dlq.crm-events", (session, browser) -> {
            List<Message> matching = new ArrayList<>();
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                Message m = (Message) e.nextElement();
                if (m instanceof TextMessage text && text.getText().contains("\"entityId\":\"" + id + "\"")) {
                    matching.add(m);
                }
            }
            return matching;
        });
        return found == null ? Optional.empty() : found.stream().findFirst();
    }

    /** How many messages the queue has taken since the broker started (both sends were acknowledged). */
    private long added(String queue) {
        return broker.getActiveMQServer().locateQueue(queue).getMessagesAdded();
    }

    private int waiting(String queue) {
        Integer n = jms.browse(queue, (session, browser) -> {
            int count = 0;
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                count++;
            }
            return count;
        });
        return n == null ? 0 : n;
    }

    private static String header(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nextId() {
        return Integer.toString(NEXT.incrementAndGet());
    }

    private static String phone() {
        return "+62812" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String read(String name) {
        try (var in = IntakeCrmBitrix24RouteTest.class.getResourceAsStream("/intake-crm-bitrix24/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
