package io.lintas.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lintas.billing.InvoiceNotice;
import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.notify.NotificationLog;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routes/notify-customer.camel.yaml and routes/notify-webhooks.camel.yaml against the real
 * application, a real SMTP server (GreenMail on loopback) and WireMock playing Twilio, SMS.ru and a
 * tenant's webhook subscriber with the contract sheet's bodies: the email read back in id/ru/en, the
 * exact SMS form parameters, a notice delivered twice sending one email and one SMS, refused and
 * unclear SMS sends dead-lettered at once, a throttled one retried, and signed outbound webhooks
 * retried with backoff and listed when they fail.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotifyRouteTest {

    private static final String TWILIO_PATH = "/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json";
    private static final String SMSRU_PATH = "/sms/send";
    private static final String HOOK_PATH = "/lintas-hooks";
    private static final String VA = "812785002530231";
    private static final byte[] HOOK_KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    static final WireMockServer GATEWAYS = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        SMTP.start();
        GATEWAYS.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SMTP.stop();
            GATEWAYS.stop();
        }));
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("lintas.test.twilio-url", () -> "http://127.0.0.1:" + GATEWAYS.port());
        registry.add("lintas.test.smsru-url", () -> "http://127.0.0.1:" + GATEWAYS.port());
        registry.add("lintas.test.webhook-url", () -> "http://127.0.0.1:" + GATEWAYS.port() + HOOK_PATH);
        registry.add("lintas.notify.smtp.host", () -> "127.0.0.1");
        registry.add("lintas.notify.smtp.port", () -> SMTP.getSmtp().getPort());
        registry.add("lintas.notify.smtp.tls", () -> "none");
        registry.add("lintas.notify.webhooks.backoff", () -> "150ms,300ms");
        registry.add("lintas.notify.webhooks.poll-interval", () -> "50");
        registry.add("lintas.notify.sms.timeout", () -> "1500");
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;
    @Autowired
    NotificationLog log;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void standardAnswers() {
        GATEWAYS.resetAll();
        GATEWAYS.stubFor(twilio().willReturn(json(201, "twilio-message-201.json")));
        GATEWAYS.stubFor(post(urlPathEqualTo(SMSRU_PATH)).withFormParam("api_id", equalTo("rusco-smsru-api-id"))
                .willReturn(json(200, "smsru-send.json")));
        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void anIndonesianInvoiceGoesOutAsOneEmailAndOneSmsEvenWhenTheNoticeComesTwice() throws Exception {
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), "+6281234567890");
        NotifyBuilder both = new NotifyBuilder(camel).fromRoute("notify-customer").whenCompleted(2).create();

        send(notice);
        send(notice);

        assertThat(both.matches(30, TimeUnit.SECONDS)).isTrue();
        MimeMessage email = onlyEmailTo(notice.customerEmail());
        assertThat(email.getSubject()).isEqualTo("Tagihan dari Acme Indonesia: Rp150.000, jatuh tempo 1 Desember 2026");
        assertThat(email.getFrom()[0].toString()).isEqualTo("Acme Billing <billing@acme.example>");
        assertThat(email.getHeader("Message-ID")[0]).isEqualTo("<" + notice.invoiceId() + ".ISSUED@acme.notify.lintas>");
        Map<String, String> parts = parts(email);
        assertThat(parts.keySet()).containsExactly("text/plain; charset=UTF-8", "text/html; charset=UTF-8");
        assertThat(parts.get("text/plain; charset=UTF-8")).contains("Virtual account: " + VA, "Bank: BCA", "Jumlah: Rp150.000");
        assertThat(parts.get("text/html; charset=UTF-8")).contains("<strong>" + VA + "</strong>", "https://checkout.xendit.co/web/6412abc");

        List<LoggedRequest> sms = GATEWAYS.findAll(postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:acme-twilio-auth-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(sms.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(sms.get(0).getBodyAsString())).containsExactly(
                Map.entry("To", "+6281234567890"),
                Map.entry("From", "+15017122661"),
                Map.entry("Body", "Acme Indonesia: bayar Rp150.000 sebelum 01.12.2026 ke VA BCA " + VA));
        assertThat(log.find(new NotificationLog.Key("acme", notice.noticeId(), "SMS")).orElseThrow().messageId())
                .isEqualTo("SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");

        await().atMost(WAIT).until(() -> hooksFor(notice.invoiceId()).size() == 1);
        LoggedRequest hook = hooksFor(notice.invoiceId()).get(0);
        assertThat(new StandardWebhookVerifier(Clock.systemUTC()).verify(HOOK_KEY, hook.getHeader("webhook-id"),
                hook.getHeader("webhook-timestamp"), hook.getHeader("webhook-signature"), hook.getBody()))
                .isEqualTo(StandardWebhookVerifier.Outcome.VALID);
        JsonNode event = json.readTree(hook.getBodyAsString());
        assertThat(event.path("type").asText()).isEqualTo("invoice.issued");
        assertThat(event.at("/data/vaNumber").asText()).isEqualTo(VA);
        assertThat(event.path("timestamp").asText()).isNotEmpty();
        assertThat(deliveries(notice.invoiceId())).isEqualTo(1);
    }

    @Test
    void aRussianInvoiceGoesByEmailInRussianAndBySmsRuWithTheContractsParameters() throws Exception {
        InvoiceNotice notice = notice("rusco", "ru", "RUB", new BigDecimal("15000"), "+79255070602");
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("notify-customer").whenCompleted(1).create();

        send(notice);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        MimeMessage email = onlyEmailTo(notice.customerEmail());
        assertThat(email.getSubject().replace('\u00A0', ' ').replace('\u202F', ' '))
                .isEqualTo("Счёт от Rusco: 15 000,00 ₽, оплатить до 1 декабря 2026 г.");
        assertThat(email.getHeader("Subject")[0]).as("RFC 2047 on the wire").startsWith("=?UTF-8?");
        assertThat(parts(email).get("text/plain; charset=UTF-8")).startsWith("Здравствуйте, Budi Santoso!").contains(VA);

        List<LoggedRequest> sms = GATEWAYS.findAll(postRequestedFor(urlPathEqualTo(SMSRU_PATH)));
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).getUrl()).as("no secret in the URL").isEqualTo(SMSRU_PATH);
        Map<String, String> form = form(sms.get(0).getBodyAsString());
        assertThat(form.keySet()).containsExactly("api_id", "to", "msg", "json");
        assertThat(form.get("api_id")).isEqualTo("rusco-smsru-api-id");
        assertThat(form.get("to")).isEqualTo("79255070602");
        assertThat(form.get("json")).isEqualTo("1");
        assertThat(form.get("msg")).isEqualTo("Rusco: оплатите 15 000,00 ₽ до 01.12.2026, счёт " + VA);
        assertThat(log.find(new NotificationLog.Key("rusco", notice.noticeId(), "SMS")).orElseThrow().messageId())
                .isEqualTo("000000-10000000");
    }

    @Test
    void anEnglishNoticeGetsTheEnglishEmail() throws Exception {
        InvoiceNotice notice = notice("acme", "en", "IDR", new BigDecimal("1500000"), "+6281234567890");
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("notify-customer").whenCompleted(1).create();

        send(notice);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        MimeMessage email = onlyEmailTo(notice.customerEmail());
        assertThat(email.getSubject()).isEqualTo("Invoice from Acme Indonesia: IDR 1,500,000 due December 1, 2026");
        assertThat(parts(email).get("text/plain; charset=UTF-8")).startsWith("Dear Budi Santoso,").contains("Virtual account: " + VA);
    }

    @Test
    void aNumberTwilioRefusesIsDeadLetteredAtOnceWithTwiliosReasonAndTheEmailStillGoesOnce() throws Exception {
        GATEWAYS.stubFor(twilio().willReturn(json(400, "twilio-error-21211.json")));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), "+6281234567890");

        send(notice);

        String reason = awaitDeadLetter(notice.noticeId());
        assertThat(reason).contains("SMS via twilio", "Twilio answered 400", "code 21211");
        GATEWAYS.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
        assertThat(onlyEmailTo(notice.customerEmail())).isNotNull();
        assertThat(log.find(new NotificationLog.Key("acme", notice.noticeId(), "SMS")).orElseThrow().status())
                .isEqualTo(NotificationLog.Status.FAILED);
    }

    @Test
    void aThrottledSmsIsRetriedWithoutSendingTheEmailAgain() throws Exception {
        GATEWAYS.stubFor(twilio().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
                .willSetStateTo("calm"));
        GATEWAYS.stubFor(twilio().inScenario("throttled").whenScenarioStateIs("calm").willReturn(json(201, "twilio-message-201.json")));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), "+6281234567890");

        send(notice);

        await().atMost(WAIT).until(() -> log.find(new NotificationLog.Key("acme", notice.noticeId(), "SMS"))
                .map(e -> e.status() == NotificationLog.Status.SENT).orElse(false));
        GATEWAYS.verify(2, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
        assertThat(onlyEmailTo(notice.customerEmail())).isNotNull();
    }

    @Test
    void anSmsWhoseOutcomeIsUnclearIsNotSentAgainButLeftForAnOperator() throws Exception {
        GATEWAYS.stubFor(twilio().willReturn(aResponse().withStatus(500).withBody("oops")));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), "+6281234567890");

        send(notice);

        assertThat(awaitDeadLetter(notice.noticeId())).contains("Twilio answered 500");
        GATEWAYS.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
        HttpResponse<String> unknown = new WebhookClient(port).get("/api/notifications?status=unknown&tenant=acme", "viewer",
                "test-viewer-password");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains(notice.noticeId(), "Twilio answered 500");

        // replayed before anyone checked Twilio: still not sent again
        NotifyBuilder replayed = new NotifyBuilder(camel).fromRoute("notify-customer").whenCompleted(1).create();
        send(notice);
        assertThat(replayed.matches(30, TimeUnit.SECONDS)).isTrue();
        GATEWAYS.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));

        // the operator found nothing in Twilio's log: released, the next replay sends it
        GATEWAYS.stubFor(twilio().willReturn(json(201, "twilio-message-201.json")));
        HttpResponse<String> released = new WebhookClient(port).postAsUser("/api/notifications/resolve",
                "{\"tenant\":\"acme\",\"noticeId\":\"" + notice.noticeId() + "\",\"channel\":\"sms\",\"sent\":false}",
                "admin", "test-admin-password");
        assertThat(released.statusCode()).isEqualTo(200);
        send(notice);
        await().atMost(WAIT).until(() -> log.find(new NotificationLog.Key("acme", notice.noticeId(), "SMS"))
                .map(e -> e.status() == NotificationLog.Status.SENT).orElse(false));
        GATEWAYS.verify(2, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
        assertThat(onlyEmailTo(notice.customerEmail())).isNotNull();
    }

    @Test
    void anSmsGatewayThatDoesNotAnswerInTimeLeavesTheOutcomeUnknown() throws Exception {
        GATEWAYS.stubFor(twilio().willReturn(json(201, "twilio-message-201.json").withFixedDelay(3_000)));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), "+6281234567890");

        send(notice);

        assertThat(awaitDeadLetter(notice.noticeId())).contains("SMS via twilio", "call failed after sending");
        assertThat(log.find(new NotificationLog.Key("acme", notice.noticeId(), "SMS")).orElseThrow().status())
                .isEqualTo(NotificationLog.Status.UNKNOWN);
        GATEWAYS.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_PATH)));
    }

    @Test
    void aSubscriberAnswering500IsRetriedWithBackoffUntilItTakesTheEvent() throws Exception {
        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("still"));
        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).inScenario("flaky").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("fine"));
        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).inScenario("flaky").whenScenarioStateIs("fine")
                .willReturn(aResponse().withStatus(200)));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), null);

        send(notice);

        await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveryStatus(notice.invoiceId())));
        List<LoggedRequest> attempts = hooksFor(notice.invoiceId());
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(r -> r.getHeader("webhook-id")).containsOnly(attempts.get(0).getHeader("webhook-id"));
        long firstGap = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
        long secondGap = attempts.get(2).getLoggedDate().getTime() - attempts.get(1).getLoggedDate().getTime();
        assertThat(firstGap).as("first delay 150 ms -10 %").isGreaterThanOrEqualTo(135);
        assertThat(secondGap).as("second delay 300 ms -10 %").isGreaterThanOrEqualTo(270);
        for (LoggedRequest attempt : attempts) {
            assertThat(new StandardWebhookVerifier(Clock.systemUTC()).verify(HOOK_KEY, attempt.getHeader("webhook-id"),
                    attempt.getHeader("webhook-timestamp"), attempt.getHeader("webhook-signature"), attempt.getBody()))
                    .isEqualTo(StandardWebhookVerifier.Outcome.VALID);
        }
    }

    @Test
    void aSubscriberThatKeepsFailingIsListedAsFailedAndCanBeRetried() throws Exception {
        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(500)));
        InvoiceNotice notice = notice("acme", "id", "IDR", new BigDecimal("150000"), null);

        send(notice);

        await().atMost(WAIT).until(() -> "FAILED".equals(deliveryStatus(notice.invoiceId())));
        assertThat(hooksFor(notice.invoiceId())).hasSize(3);
        WebhookClient client = new WebhookClient(port);
        HttpResponse<String> failed = client.get("/api/webhooks/deliveries?status=failed&tenant=acme", "viewer", "test-viewer-password");
        assertThat(failed.statusCode()).isEqualTo(200);
        JsonNode listed = Optional.of(json.readTree(failed.body()).path("deliveries")).stream()
                .flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .filter(d -> d.path("id").asText().equals(hooksFor(notice.invoiceId()).get(0).getHeader("webhook-id")))
                .findFirst().orElseThrow();
        assertThat(listed.path("attempts").asInt()).isEqualTo(3);
        assertThat(listed.path("last_status").asInt()).isEqualTo(500);
        assertThat(listed.path("event_type").asText()).isEqualTo("invoice.issued");

        GATEWAYS.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> retry = client.postAsUser("/api/webhooks/deliveries/" + listed.path("id").asText() + "/retry", "{}",
                "admin", "test-admin-password");
        assertThat(retry.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveryStatus(notice.invoiceId())));
    }

    // --- helpers --------------------------------------------------------------------------------

    private InvoiceNotice notice(String tenant, String language, String currency, BigDecimal amount, String phone) {
        String invoiceId = "01JNOTIFY" + String.format("%017d", SEQUENCE.incrementAndGet());
        return new InvoiceNotice(invoiceId + ":ISSUED", tenant, invoiceId, InvoiceNotice.Kind.ISSUED, "Budi Santoso",
                "budi." + invoiceId.toLowerCase() + "@example.co.id", phone, language, amount, currency, LocalDate.of(2026, 12, 1),
                "BCA", VA, "https://checkout.xendit.co/web/6412abc", null, "xendit", null);
    }

    private void send(InvoiceNotice notice) throws Exception {
        String body = json.writeValueAsString(notice);
        jms.convertAndSend("lintas.notify", body, message -> {
            message.setStringProperty("JMSXGroupID", notice.invoiceId());
            message.setStringProperty("LintasTenant", notice.tenant());
            return message;
        });
    }

    private MimeMessage onlyEmailTo(String address) {
        await().atMost(WAIT).until(() -> emailsTo(address).size() >= 1);
        List<MimeMessage> emails = emailsTo(address);
        assertThat(emails).as("emails to " + address).hasSize(1);
        return emails.get(0);
    }

    private static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static Map<String, String> parts(MimeMessage email) throws Exception {
        assertThat(email.getContentType()).startsWith("multipart/alternative");
        MimeMultipart multipart = (MimeMultipart) email.getContent();
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            parts.put(part.getContentType(), (String) part.getContent());
        }
        return parts;
    }

    private static List<LoggedRequest> hooksFor(String invoiceId) {
        return GATEWAYS.findAll(postRequestedFor(urlPathEqualTo(HOOK_PATH))).stream()
                .filter(r -> r.getBodyAsString().contains(invoiceId)).toList();
    }

    private int deliveries(String invoiceId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE body LIKE ?", Integer.class, "%" + invoiceId + "%");
        return n == null ? 0 : n;
    }

    private String deliveryStatus(String invoiceId) {
        return jdbc.queryForList("SELECT status FROM webhook_delivery WHERE body LIKE ?", String.class, "%" + invoiceId + "%")
                .stream().findFirst().orElse(null);
    }

    /** Waits for the notice on lintas.dlq.notify and gives its failure reason. */
    private String awaitDeadLetter(String noticeId) {
        String[] reason = new String[1];
        await().atMost(WAIT).until(() -> {
            reason[0] = jms.browse("lintas.dlq.notify", (session, browser) -> {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                    jakarta.jms.Message message = (jakarta.jms.Message) e.nextElement();
                    if (message instanceof jakarta.jms.TextMessage text && text.getText().contains(noticeId)) {
                        return message.getStringProperty("LintasFailureReason");
                    }
                }
                return null;
            });
            return reason[0] != null;
        });
        return reason[0];
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static MappingBuilder twilio() {
        return post(urlPathEqualTo(TWILIO_PATH));
    }

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private static String fixture(String name) {
        try (InputStream in = NotifyRouteTest.class.getResourceAsStream("/notify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
