package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.connector.billing.MidtransSignature;
import io.lintas.connector.billing.StripeSignatureVerifier;
import io.lintas.fuzz.TestTenants;
import io.lintas.testing.TypeformSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Security, end to end: forged and replayed signatures of every webhook scheme, one tenant's credentials
 * used at another tenant, unauthenticated and wrong-role admin and actuator calls: all refused. Then the
 * logs of the whole class (every logger, every thread, captured by a ListAppender on the root logger) are
 * searched for every secret of the test profile and for the full phone numbers and emails sent: none may
 * be there. Two genuine leads go through the pipeline first, so the search covers its log lines too.
 * (The Hawtio console is tested by its own class.)
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityRefusalsTest {

    /** Contacts sent in this class: never to be found in full in the logs. */
    static final String PHONE = "+6281398765432";
    static final String[] PHONE_FORMS = {PHONE, "6281398765432", "081398765432", "0813-9876-5432"};
    static final String EMAIL = "rahasia.pelanggan@contoh.co.id";

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookClient client;

    @BeforeEach
    void captureLogs() {
        client = new WebhookClient(port);
        // after the context is up: Boot's logging initialisation would have dropped an earlier appender
        if (!LOGS.isStarted()) {
            LOGS.start();
            ROOT.addAppender(LOGS);
        }
    }

    @AfterAll
    static void stopCapturing() {
        ROOT.detachAppender(LOGS);
        LOGS.stop();
    }

    // ------------------------------------------------------------------------------ genuine traffic first

    @Test
    @Order(1)
    void genuineLeadsAreAcceptedSoThePipelineLogsToo() {
        NotifyBuilder processed = new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(2).create();

        assertThat(client.post("/hooks/acme/forms/contact?token=acme-form-token", "application/json",
                "{\"name\":\"Rahasia Pelanggan\",\"phone\":\"0813-9876-5432\",\"email\":\"" + EMAIL + "\"}").statusCode())
                .isEqualTo(202);
        assertThat(client.post("/api/leads", "application/json", "{\"externalId\":\"sec-" + System.nanoTime()
                + "\",\"contact\":{\"fullName\":\"Rahasia\",\"phones\":[\"" + PHONE + "\"],\"emails\":[\"" + EMAIL + "\"]}}",
                "X-Lintas-Tenant", "acme", "Authorization", "Bearer acme-api-key-0001-test").statusCode()).isEqualTo(202);
        assertThat(processed.matches(30, TimeUnit.SECONDS)).isTrue();
    }

    // ------------------------------------------------------------------------------ forged signatures

    @Test
    @Order(2)
    void forgedSignaturesOfEveryWebhookSchemeAreRefused() {
        String form = "{\"name\":\"x\",\"phone\":\"" + PHONE + "\"}";
        refused(client.post("/hooks/acme/forms/contact?token=wrong-token", "application/json", form), 401);
        refused(client.post("/hooks/acme/forms/contact", "application/json", form), 401);
        refused(client.form("/hooks/acme/forms/tilda", "Name=x&Phone=1", "X-API-Key", "wrong-key"), 401);
        refused(client.form("/hooks/acme/forms/elementor?token=wrong", "Name=x&Phone=1"), 401);
        String typeform = "{\"event_id\":\"e1\",\"form_response\":{}}";
        refused(client.post("/hooks/acme/forms/typeform", "application/json", typeform,
                "Typeform-Signature", TypeformSignature.of(typeform, "not-the-secret")), 401);
        refused(client.post("/hooks/acme/forms/typeform", "application/json", typeform), 401);

        Map<String, String> call = twilioCall();
        refused(twilio("acme", "not-the-token", call), 401);
        refused(client.form("/hooks/acme/calls/twilio", urlEncoded(call), "X-Twilio-Signature", "AAAA"), 401);
        refused(zadarma("acme", "not-the-secret"), 401);

        byte[] pbxKey = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] otherKey = Base64.getDecoder().decode("c2VjcmV0LW9mLXNvbWVib2R5LWVsc2UtMTIzNDU2Nzg=");
        long now = Instant.now().getEpochSecond();
        refused(pbx("acme", otherKey, "msg_forged", now), 401);
        refused(pbx("acme", pbxKey, "msg_stale", now - 600), 401);            // genuine but 10 minutes old: a replay

        refused(client.form("/hooks/acme/crm/bitrix24", bitrix24Event(now).replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas",
                "forged0000000000000000000000000")), 401);
        refused(client.form("/hooks/acme/crm/bitrix24", bitrix24Event(now).replace("d897063e1ce7c5eb9f04b9751eef5915",
                "00000000000000000000000000000000")), 401);
        refused(client.form("/hooks/acme/crm/bitrix24", bitrix24Event(now - 3_600)), 401);  // replayed an hour later

        String xendit = "{\"id\":\"x1\",\"external_id\":\"inv-sec\",\"status\":\"PAID\",\"paid_amount\":1}";
        refused(client.post("/hooks/acme/payments/xendit", "application/json", xendit, "x-callback-token", "forged"), 401);
        refused(client.post("/hooks/acme/payments/xendit", "application/json", xendit), 401);

        refused(client.post("/hooks/kopi/payments/midtrans", "application/json", midtrans("not-the-server-key")), 401);
        refused(client.post("/hooks/kopi/payments/midtrans", "application/json",
                "{\"order_id\":\"inv-sec\",\"status_code\":\"200\",\"gross_amount\":\"1.00\",\"transaction_id\":\"t\"}"), 401);
    }

    @Test
    @Order(3)
    void stripeSignaturesForgedStaleOrReplayedAreRefused() {
        String event = "{\"id\":\"evt_sec\",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_sec\","
                + "\"object\":\"invoice\",\"amount_paid\":100}}}";
        long now = Instant.now().getEpochSecond();
        refused(stripe(event, "whsec_not_the_secret", now), 401);
        refused(client.post("/hooks/rusco/payments/stripe", "application/json", event), 401);
        refused(client.post("/hooks/rusco/payments/stripe", "application/json", event,
                "Stripe-Signature", "t=" + now + ",v0=" + "ab".repeat(32)), 401);
        // a genuine delivery captured and sent again: after the 300 s tolerance it is stale...
        String captured = "t=" + (now - 301) + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret",
                String.valueOf(now - 301), event.getBytes(StandardCharsets.UTF_8));
        refused(client.post("/hooks/rusco/payments/stripe", "application/json", event, "Stripe-Signature", captured), 401);
        // ...and its header on another body does not verify
        String genuine = "t=" + now + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", String.valueOf(now),
                event.getBytes(StandardCharsets.UTF_8));
        refused(client.post("/hooks/rusco/payments/stripe", "application/json", event.replace("100", "999999"),
                "Stripe-Signature", genuine), 401);
        // within the tolerance an exact replay verifies, but is never applied twice: the consumer dedupes by the
        // event id (StripeBillingRouteTest: invoice.paid twice → PAID once, one receipt); unknown here → 404
        refused(client.post("/hooks/rusco/payments/stripe", "application/json", event, "Stripe-Signature", genuine), 404);
    }

    // ------------------------------------------------------------------------------ another tenant's credentials

    @Test
    @Order(4)
    void oneTenantsCredentialsOpenNothingAtAnother() {
        String form = "{\"name\":\"x\",\"phone\":\"" + PHONE + "\"}";
        refused(client.post("/hooks/rusco/forms/contact?token=acme-form-token", "application/json", form), 401);
        refused(client.post("/hooks/rusco/forms/contact", "application/json", form, "X-Lintas-Token", "acme-form-token"), 401);
        String typeform = "{\"event_id\":\"e2\",\"form_response\":{}}";
        refused(client.post("/hooks/rusco/forms/typeform", "application/json", typeform,
                "Typeform-Signature", TypeformSignature.of(typeform, "acme-typeform-secret")), 401);
        refused(client.post("/api/leads", "application/json", "{\"contact\":{\"phones\":[\"" + PHONE + "\"]}}",
                "X-Lintas-Tenant", "rusco", "Authorization", "Bearer acme-api-key-0001-test"), 401);
        refused(twilio("rusco", "acme-twilio-token", twilioCall()), 401);
        refused(zadarma("rusco", "acme-zadarma-secret"), 401);
        long now = Instant.now().getEpochSecond();
        refused(pbx("rusco", Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_cross", now), 404);
        refused(client.form("/hooks/rusco/crm/bitrix24", bitrix24Event(now)), 404);
        String xendit = "{\"id\":\"x1\",\"external_id\":\"inv-sec\",\"status\":\"PAID\"}";
        refused(client.post("/hooks/rusco/payments/xendit", "application/json", xendit,
                "x-callback-token", "acme-xendit-callback-token"), 404);
        refused(client.post("/hooks/kopi/payments/xendit", "application/json", xendit,
                "x-callback-token", "acme-xendit-callback-token"), 404);
        String event = "{\"id\":\"evt_x\",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_x\",\"object\":\"invoice\"}}}";
        refused(client.post("/hooks/acme/payments/stripe", "application/json", event, "Stripe-Signature",
                "t=" + now + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", String.valueOf(now),
                        event.getBytes(StandardCharsets.UTF_8))), 404);
        refused(client.post("/hooks/acme/payments/midtrans", "application/json", midtrans(
                "askvnoibnosifnboseofinbofinfgbiufglnbfg")), 404);
    }

    // ------------------------------------------------------------------------------ admin API and actuator

    static final String ADMIN = "admin:test-admin-password";
    static final String VIEWER = "viewer:test-viewer-password";

    @Test
    @Order(5)
    void theAdminApiWantsAUserAndWritesWantTheAdminRole() throws Exception {
        for (String path : new String[] {"/api/leads", "/api/leads/01JNOTALEAD0000000000000000", "/api/dlq", "/api/dlq/intake",
                "/api/notifications", "/api/webhooks/deliveries", "/api/tenants"}) {
            refused(send("GET", path, null, null), 401);
            refused(send("GET", path, "admin:wrong-password", null), 401);
            refused(send("GET", path, "nobody:test-admin-password", null), 401);
            refused(sendRaw("GET", path, "Bearer acme-api-key-0001-test", null), 401);
        }
        for (String[] write : new String[][] {{"POST", "/api/dlq/intake/replay"}, {"POST", "/api/notifications/resolve"},
                {"POST", "/api/webhooks/deliveries/1/retry"}, {"POST", "/api/tenants"}, {"PUT", "/api/tenants/acme"},
                {"DELETE", "/api/leads/01JNOTALEAD0000000000000000"}, {"PUT", "/api/leads/01JNOTALEAD0000000000000000"}}) {
            refused(send(write[0], write[1], null, "{}"), 401);
            refused(send(write[0], write[1], "viewer:wrong-password", "{}"), 401);
            refused(send(write[0], write[1], VIEWER, "{}"), 403);
        }
        assertThat(send("GET", "/api/dlq", VIEWER, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void theActuatorIsClosedExceptHealth() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/metrics", "/actuator/info",
                "/actuator/env", "/actuator/beans", "/actuator/loggers", "/actuator/configprops",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/camelroutes"}) {
            refused(send("GET", path, null, null), 401);
            refused(send("GET", path, "admin:wrong-password", null), 401);
            refused(send("GET", path, VIEWER, null), 403);
        }
        // metrics for monitoring: a login, a viewer is enough; the console's Jolokia: a login (roles: ConsoleSecurityTest)
        refused(send("GET", "/actuator/prometheus", null, null), 401);
        refused(send("GET", "/actuator/prometheus", "admin:wrong-password", null), 401);
        assertThat(send("GET", "/actuator/prometheus", VIEWER, null).statusCode()).isEqualTo(200);
        refused(send("GET", "/actuator/jolokia", null, null), 401, 403);
        refused(send("GET", "/actuator/jolokia", "admin:wrong-password", null), 401, 403);
        // no user: refused by the CSRF check (403) or the login (401), either way before the endpoint
        refused(send("POST", "/actuator/loggers/ROOT", null, "{\"configuredLevel\":\"TRACE\"}"), 401, 403);
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------ the logs

    @Test
    @Order(99)
    void theLogsOfAllOfThatHoldNoSecretAndNoFullContact() {
        List<String> lines = new ArrayList<>();
        synchronized (LOGS) {
            for (ILoggingEvent event : List.copyOf(LOGS.list)) {
                lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                        + (event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }
        // the capture sees the intake's own lines (Camel threads), so a leak there would be seen too
        assertThat(lines).as("log lines captured").anyMatch(line -> line.contains("refused with 401"));
        Set<String> secrets = testSecrets();
        assertThat(secrets).as("secrets searched for").hasSizeGreaterThan(25);
        List<String> forbidden = new ArrayList<>(secrets);
        forbidden.addAll(List.of(PHONE_FORMS));
        forbidden.add(EMAIL);
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            for (String needle : forbidden) {
                if (line.contains(needle)) {
                    found.add("'" + needle + "' in: " + line.substring(0, Math.min(line.length(), 400)));
                }
            }
        }
        assertThat(found).as("secrets or full contacts in %d log lines", lines.size()).isEmpty();
    }

    /**
     * Every secret of the test profile: each value of a secret-like key in tenants-test.yaml (tokens, keys,
     * secrets, passwords, the Bitrix24 webhook code, whsec keys also as their decoded base64), the API keys,
     * and the admin passwords of application-test.yaml.
     */
    static Set<String> testSecrets() {
        Set<String> secrets = new LinkedHashSet<>();
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            collect(yaml.readTree(TestTenants.resource("/tenants-test.yaml")), null, secrets);
            JsonNode admin = yaml.readTree(TestTenants.resource("/application-test.yaml")).path("lintas").path("admin");
            secrets.add(admin.path("password").asText());
            secrets.add(admin.path("viewer-password").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        secrets.add("acme-webhook-code");                      // the secret part of the Bitrix24 inbound webhook URL
        for (String s : List.copyOf(secrets)) {
            if (s.startsWith("whsec_")) {
                secrets.add(s.substring("whsec_".length()));
            }
        }
        secrets.removeIf(s -> s.isBlank() || s.length() < 8);
        return secrets;
    }

    private static void collect(JsonNode node, String key, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), e.getKey(), out);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, key, out));
        } else if (key != null && node.isValueNode() && key.matches(
                "token|secret|secret-key|api-key|api-token|auth-token|callback-token|webhook-secret|application-token"
                        + "|member-id|password|keys|api-id")) {
            String value = node.asText();
            int placeholder = value.indexOf(":");
            out.add(value.startsWith("${") && placeholder > 0 ? value.substring(placeholder + 1, value.length() - 1) : value);
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private static void refused(HttpResponse<String> response, int status, Integer... orStatus) {
        List<Integer> wanted = new ArrayList<>(List.of(orStatus));
        wanted.add(status);
        assertThat(response.statusCode()).as("%s %s → %s", response.request().method(), response.request().uri(),
                response.body()).isIn(wanted);
        assertThat(!response.body().isBlank() || response.headers().firstValue("WWW-Authenticate").isPresent())
                .as("a reason for the %s of %s", status, response.request().uri()).isTrue();
    }

    private HttpResponse<String> send(String method, String path, String userPassword, String json) throws Exception {
        return sendRaw(method, path, userPassword == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)), json);
    }

    private HttpResponse<String> sendRaw(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> twilioCall() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CAsec" + System.nanoTime());
        params.put("CallStatus", "no-answer");
        params.put("Direction", "inbound");
        params.put("From", PHONE);
        params.put("To", "+622150001234");
        return params;
    }

    private HttpResponse<String> twilio(String tenant, String token, Map<String, String> params) {
        String path = "/hooks/" + tenant + "/calls/twilio";
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = new TwilioSignatureVerifier().sign("http://127.0.0.1:" + port + path, multi, token);
        return client.form(path, urlEncoded(params), "X-Twilio-Signature", signature);
    }

    private HttpResponse<String> zadarma(String tenant, String secret) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", "NOTIFY_END");
        fields.put("call_start", "2026-11-26 01:00:00");
        fields.put("pbx_call_id", "in_sec_" + System.nanoTime());
        fields.put("caller_id", PHONE);
        fields.put("called_did", "622150001234");
        fields.put("duration", "0");
        fields.put("disposition", "no answer");
        ZadarmaSignatureVerifier signer = new ZadarmaSignatureVerifier();
        String signature = signer.sign(signer.signedString("NOTIFY_END", fields).orElseThrow(), secret);
        return client.form("/hooks/" + tenant + "/calls/zadarma", urlEncoded(fields), "Signature", signature);
    }

    private HttpResponse<String> pbx(String tenant, byte[] key, String id, long timestamp) {
        String body = "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"" + id + "\",\"direction\":\"inbound\",\"from\":\""
                + PHONE + "\",\"status\":\"no_answer\",\"duration_seconds\":0}}";
        String ts = Long.toString(timestamp);
        return client.post("/hooks/" + tenant + "/calls/pbx", "application/json", body, "webhook-id", id,
                "webhook-timestamp", ts, "webhook-signature",
                "v1," + StandardWebhookVerifier.sign(key, id, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bitrix24Event(long ts) {
        return new String(TestTenants.resource("/intake-crm-bitrix24/event-oncrmleadadd.txt"), StandardCharsets.UTF_8)
                .strip().replace("ts=1766047124", "ts=" + ts);
    }

    private static String midtrans(String serverKey) {
        return "{\"order_id\":\"inv-sec\",\"status_code\":\"200\",\"gross_amount\":\"1.00\",\"transaction_id\":\"t\","
                + "\"transaction_status\":\"settlement\",\"signature_key\":\""
                + MidtransSignature.compute("inv-sec", "200", "1.00", serverKey) + "\"}";
    }

    private HttpResponse<String> stripe(String event, String secret, long t) {
        return client.post("/hooks/rusco/payments/stripe", "application/json", event, "Stripe-Signature",
                "t=" + t + ",v1=" + StripeSignatureVerifier.sign(secret, String.valueOf(t), event.getBytes(StandardCharsets.UTF_8)));
    }

    private static String urlEncoded(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
