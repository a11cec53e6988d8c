package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.connector.billing.MidtransSignature;
import io.lintas.connector.billing.StripeSignatureVerifier;
import io.lintas.fuzz.HostileInput;
import io.lintas.fuzz.HostileInput.Body;
import io.lintas.fuzz.HostileInput.Shape;
import io.lintas.fuzz.Outcomes;
import io.lintas.fuzz.RawHttp;
import io.lintas.fuzz.TestTenants;
import io.lintas.intake.FormBody;
import io.lintas.intake.InboundRequest;
import io.lintas.intake.IntakeRejected;
import io.lintas.testing.TypeformSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bad input at every HTTP endpoint of the running application: web forms, calls (Twilio, Zadarma, PBX),
 * Bitrix24 CRM events, payment callbacks (Xendit, Midtrans, Stripe), the lead API and the admin API, with
 * hostile bodies ({@link HostileInput}), hostile headers (CR/LF injection, NULs, oversized, lying
 * Content-Length) and hostile request targets, over a raw socket. Signed senders are signed, so the damage
 * reaches the parsers.
 *
 * <p>Every answer must be below 500, and every 4xx must say why (a body, or a WWW-Authenticate challenge);
 * the application must still be healthy afterwards. Tries per target: {@code lintas.fuzz.http-tries}
 * (default {@value #DEFAULT_TRIES}; the {@code fuzz} Maven profile raises it); the seed is fixed.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EndpointFuzzTest {

    static final int DEFAULT_TRIES = 40;
    static final int TRIES = Integer.getInteger("lintas.fuzz.http-tries", DEFAULT_TRIES);
    static final long SEED = 20261126L;
    private static final Outcomes OUTCOMES = new Outcomes("HTTP endpoints");

    @LocalServerPort
    int port;

    private final List<String> failures = new ArrayList<>();

    @AfterAll
    static void report() {
        OUTCOMES.report();
    }

    /** A request to send: method, target (path and query, raw bytes allowed), header lines, body. */
    record Request(String method, String target, List<String> headers, byte[] body) {
    }

    // ------------------------------------------------------------------------------ webhooks

    @Test
    void webFormsNeverAnswer5xx() {
        fuzz("forms/html", Shape.FORM, IntakeFormTemplates.HTML, "application/x-www-form-urlencoded",
                (b, r) -> post("/hooks/acme/forms/contact?token=acme-form-token", b));
        fuzz("forms/html json", Shape.JSON, resource("/intake/html/cf7.json"), "application/json",
                (b, r) -> post("/hooks/acme/forms/contact", b, "X-Lintas-Token: acme-form-token"));
        fuzz("forms/html multipart", Shape.MULTIPART, resource("/intake/html/multipart.bin"),
                "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
                (b, r) -> post("/hooks/acme/forms/contact?token=acme-form-token", b));
        fuzz("forms/tilda", Shape.FORM, resource("/intake/tilda/webhook-urlencoded.txt"), "application/x-www-form-urlencoded",
                (b, r) -> post("/hooks/acme/forms/tilda", b, "X-API-Key: acme-tilda-key"));
        fuzz("forms/typeform", Shape.JSON, resource("/intake-webform/typeform.json"), "application/json",
                (b, r) -> post("/hooks/acme/forms/typeform", b,
                        "Typeform-Signature: " + TypeformSignature.of(b.bytes(), "acme-typeform-secret")));
        fuzz("forms/elementor", Shape.FORM, resource("/intake/elementor/simple.txt"), "application/x-www-form-urlencoded",
                (b, r) -> post("/hooks/acme/forms/elementor?token=acme-elementor-token", b));
        assertNoFailures();
    }

    @Test
    void callWebhooksNeverAnswer5xx() {
        fuzz("calls/twilio", Shape.FORM, IntakeFormTemplates.TWILIO, "application/x-www-form-urlencoded", (b, r) -> {
            String path = "/hooks/acme/calls/twilio";
            List<String> headers = new ArrayList<>();
            Map<String, List<String>> fields = fields(b);
            if (fields != null) {
                headers.add("X-Twilio-Signature: " + new TwilioSignatureVerifier().sign("http://127.0.0.1:" + port + path,
                        fields, "acme-twilio-token"));
            }
            return post(path, b, headers.toArray(String[]::new));
        });
        fuzz("calls/zadarma", Shape.FORM, IntakeFormTemplates.ZADARMA, "application/x-www-form-urlencoded", (b, r) -> {
            List<String> headers = new ArrayList<>();
            Map<String, List<String>> fields = fields(b);
            if (fields != null && fields.get("event") != null) {
                Map<String, String> first = new LinkedHashMap<>();
                fields.forEach((k, v) -> first.put(k, v.get(0)));
                ZadarmaSignatureVerifier signer = new ZadarmaSignatureVerifier();
                signer.signedString(first.get("event"), first)
                        .ifPresent(data -> headers.add("Signature: " + signer.sign(data, "acme-zadarma-secret")));
            }
            if (r.nextInt(8) == 0) {
                return new Request("GET", "/hooks/acme/calls/zadarma?zd_echo=" + new String(b.bytes(), 0,
                        Math.min(b.bytes().length, 300), StandardCharsets.ISO_8859_1).replaceAll("[\\s#]", "+"), List.of(), null);
            }
            return post("/hooks/acme/calls/zadarma", b, headers.toArray(String[]::new));
        });
        fuzz("calls/pbx", Shape.JSON, resource("/intake-calls/pbx-call-ended.json"), "application/json", (b, r) -> {
            String ts = Long.toString(Instant.now().getEpochSecond());
            String id = "msg_fuzz_" + r.nextInt(1_000_000);
            byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            return post("/hooks/acme/calls/pbx", b, "webhook-id: " + id, "webhook-timestamp: " + ts,
                    "webhook-signature: v1," + StandardWebhookVerifier.sign(key, id, ts, b.bytes()));
        });
        assertNoFailures();
    }

    @Test
    void crmEventsNeverAnswer5xx() {
        String event = new String(resource("/intake-crm-bitrix24/event-oncrmleadadd.txt"), StandardCharsets.UTF_8)
                .replace("ts=1766047124", "ts=" + Instant.now().getEpochSecond());
        fuzz("crm-events/bitrix24", Shape.FORM, event.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                (b, r) -> post("/hooks/acme/crm/bitrix24", b));
        assertNoFailures();
    }

    @Test
    void paymentCallbacksNeverAnswer5xx() {
        fuzz("payments/xendit", Shape.JSON, PaymentTemplates.XENDIT, "application/json",
                (b, r) -> post("/hooks/acme/payments/xendit", b, "x-callback-token: acme-xendit-callback-token"));
        fuzz("payments/midtrans", Shape.JSON, PaymentTemplates.MIDTRANS, "application/json",
                (b, r) -> post("/hooks/kopi/payments/midtrans", PaymentTemplates.midtransSigned(b)));
        fuzz("payments/stripe", Shape.JSON, PaymentTemplates.STRIPE, "application/json", (b, r) -> {
            String t = Long.toString(Instant.now().getEpochSecond());
            return post("/hooks/rusco/payments/stripe", b,
                    "Stripe-Signature: t=" + t + ",v1=" + StripeSignatureVerifier.sign("whsec_test_secret", t, b.bytes()));
        });
        assertNoFailures();
    }

    // ------------------------------------------------------------------------------ APIs

    @Test
    void theLeadApiNeverAnswers5xx() {
        fuzz("api/leads", Shape.JSON, IntakeFormTemplates.LEAD, "application/json", (b, r) -> post("/api/leads", b,
                "X-Lintas-Tenant: acme", "Authorization: Bearer acme-api-key-0001-test"));
        assertNoFailures();
    }

    static final String[] ADMIN_PATHS = {"/api/leads", "/api/leads/%s", "/api/leads/%s/attachments/%s", "/api/dlq",
            "/api/dlq/%s", "/api/dlq/%s/replay", "/api/notifications", "/api/notifications/resolve",
            "/api/webhooks/deliveries", "/api/webhooks/deliveries/%s/retry", "/api/tenants", "/api/tenants/%s",
            "/actuator", "/actuator/health", "/actuator/health/%s", "/actuator/prometheus", "/actuator/metrics/%s",
            "/actuator/env", "/actuator/%s", "/api/%s", "/%s"};
    static final String[] QUERIES = {"", "?limit=-1", "?limit=0", "?limit=99999999999", "?limit=abc", "?limit=2147483647",
            "?since=yesterday", "?since=2026-13-45T99:99:99Z", "?before=%ZZ", "?tenant=%00", "?status=%s", "?status=failed",
            "?tenant=acme&status=QUEUED_CRM&limit=5", "?" + "a=1&".repeat(3_000)};
    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

    /**
     * The admin API with every kind of caller: none, wrong password, malformed Basic, viewer, admin (admin
     * only reads and writes to ids that do not exist, so the shared context's dead letters stay as they are).
     */
    @Test
    void theAdminApiNeverAnswers5xx() {
        Random r = new Random(SEED + 7);
        for (int i = 0; i < TRIES * 3; i++) {
            Body body = HostileInput.next(r, Shape.JSON, "{\"messageIds\":[\"ID:nope\"],\"id\":\"nope\"}"
                    .getBytes(StandardCharsets.UTF_8), "application/json");
            String junk = junkSegment(r);
            String path = HostileInput.pick(r, ADMIN_PATHS).replace("%s", junk)
                    + HostileInput.pick(r, QUERIES).replace("%s", junk);
            String method = HostileInput.pick(r, METHODS);
            String auth = switch (r.nextInt(7)) {
                case 0 -> null;
                case 1 -> basic("admin", "wrong-password");
                case 2 -> "Basic !!!not-base64";
                case 3 -> "Basic " + Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8));
                case 4 -> basic("viewer", "test-viewer-password");
                case 5 -> "Bearer acme-api-key-0001-test";
                default -> method.equals("GET") || path.contains("nope") || path.contains(junk) && !junk.isEmpty()
                        ? basic("admin", "test-admin-password") : null;
            };
            List<String> headers = new ArrayList<>();
            if (auth != null) {
                headers.add("Authorization: " + auth);
            }
            if (body.contentType() != null) {
                headers.add("Content-Type: " + body.contentType());
            }
            send("admin-api", new Request(method, path, headers, method.equals("GET") ? null : body.bytes()), body);
        }
        assertNoFailures();
    }

    /** Hostile request targets and header lines around an otherwise valid form post. */
    @Test
    void hostileTargetsAndHeadersNeverAnswer5xx() {
        Random r = new Random(SEED + 11);
        byte[] form = IntakeFormTemplates.HTML;
        for (int i = 0; i < TRIES * 2; i++) {
            String target = HostileInput.pick(r, new String[] {"/hooks/acme/forms/contact%00", "/hooks/%ZZ/forms/contact",
                    "/hooks/../api/leads", "/hooks/acme/forms/" + "a".repeat(5_000), "/hooks/acme/forms/contact?token=%",
                    "/hooks/acme/forms/contact?" + "a=1&".repeat(3_000), "/hooks//forms/contact", "/hooks/acme/forms/contact;x=1",
                    "/hooks/acme/forms/contact/..;/x", "/HOOKS/acme/forms/contact", "/hooks/acme/forms/contact%2F..%2F..",
                    "/hooks/acme/forms/%E2%80%AE", "/hooks/acme/forms/\u00e9", "/hooks/acme/calls/%0d%0aX:1",
                    "/hooks/acme/payments/XENDIT", "/hooks/acme/payments/%s", "/hooks/nobody/crm/bitrix24",
                    "/hooks/acme/forms/contact?token=acme-form-token&token=x", "/hooks/acme/forms/contact#frag",
                    "*", "http://evil.example/hooks/acme/forms/contact"});
            List<String> headers = new ArrayList<>(List.of("Content-Type: application/x-www-form-urlencoded"));
            headers.add(HostileInput.pick(r, new String[] {"X-Lintas-Token: acme-form-token\r\nX-Injected: 1",
                    "X-Lintas-Token: acme-form-token\u0000", "X-Big: " + "a".repeat(20_000), "X-Folded: a\r\n continued",
                    "Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded\rX: 1",
                    "Content-Length: -1", "Content-Length: 99999999999", "Content-Length: 3", "Content-Length: abc",
                    "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "Content-Encoding: gzip",
                    "Expect: 100-continue", "Bad Header: x", "X-Utf8: Иван", "X-Lf: 1\nX-Other: 2", ": empty-name",
                    "Host: evil.example", "X-Forwarded-Host: evil.example", "Accept: application/json\u0000",
                    "Authorization: Basic " + "A".repeat(10_000)}));
            Body body = new Body("hostile-request", "application/x-www-form-urlencoded", form);
            send("hostile targets and headers", new Request(HostileInput.pick(r, new String[] {"POST", "POST", "GET", "PUT",
                    "FOO", "POST\u0000"}), target.replace("%s", junkSegment(r)), headers, form), body);
        }
        assertNoFailures();
        // still alive and healthy after all of it
        RawHttp.Response health = new RawHttp(port).send("GET", "/actuator/health", List.of(), null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("UP");
    }

    /**
     * Found by this fuzzer: a method the HTTP firewall refuses (FOO, TRACE) or a path it refuses (//) with
     * such a method got an empty 400 (the error page met the firewall again), and a header it refuses was a
     * 500 once Camel read it (Camel also logged the value); now each is a 400 that says why.
     */
    @Test
    void aRequestTheFirewallRefusesIsA400WithAReason() {
        RawHttp http = new RawHttp(port);
        for (String[] request : new String[][] {{"FOO", "/hooks/acme/forms/contact"}, {"TRACE", "/api/leads"},
                {"FOO", "/hooks//forms/contact"}, {"POST", "/hooks//forms/contact"},
                {"POST", "/hooks/acme/forms/contact?token=acme-form-token", "X-Name: Иван"},
                {"POST", "/api/leads", "X-Name: Иван"}}) {
            List<String> headers = new ArrayList<>(List.of("Content-Type: text/plain"));
            if (request.length > 2) {
                headers.add(request[2]);   // raw UTF-8 in a header: the firewall refuses it (Latin-1 C1 controls)
            }
            RawHttp.Response response = http.send(request[0], request[1], headers, new byte[] {'x'});

            assertThat(response.status()).as(String.join(" ", request)).isEqualTo(400);
            assertThat(response.text()).as(String.join(" ", request)).contains("refused by the HTTP firewall");
        }
    }

    // ------------------------------------------------------------------------------ the loop and the check

    private void fuzz(String target, Shape shape, byte[] template, String contentType,
            BiFunction<Body, Random, Request> build) {
        Random r = new Random(SEED + target.hashCode());
        for (int i = 0; i < TRIES; i++) {
            Body body = HostileInput.next(r, shape, template, contentType);
            Request request = build.apply(body, r);
            if (r.nextInt(10) == 0) {
                // now and then a hostile header line as well
                List<String> headers = new ArrayList<>(request.headers());
                headers.add(HostileInput.pick(r, new String[] {"X-Injected: a\r\nX-Lintas-Token: acme-form-token",
                        "X-Nul: \u0000", "X-Long: " + "x".repeat(9_000), "Content-Type: text/html", "X-Bare: 1\nX-Other: 2"}));
                request = new Request(request.method(), request.target(), headers, request.body());
            }
            send(target, request, body);
        }
    }

    private void send(String target, Request request, Body body) {
        long start = System.nanoTime();
        RawHttp.Response response = new RawHttp(port).send(request.method(), request.target(), request.headers(),
                request.body());
        long nanos = System.nanoTime() - start;
        String outcome = response.status() == 0 ? "closed" : Integer.toString(response.status());
        if (response.status() == 501 && unsupportedTransferCoding(request)) {
            // Tomcat's own answer to Transfer-Encoding: gzip, before the application (RFC 9112 §6.1 asks for 501)
            OUTCOMES.record(target, "501-transfer-coding", nanos);
            return;
        }
        if (response.status() == 404 && request.target().startsWith("/actuator/health/") && response.text().isEmpty()) {
            // Spring Boot's health endpoint answers an unknown component with a bare 404 (no error page)
            OUTCOMES.record(target, "404-bare-health-component", nanos);
            return;
        }
        OUTCOMES.record(target, outcome, nanos);
        if (response.status() >= 500 || response.status() == 0
                || response.status() >= 400 && !response.hasReason() && !request.method().equals("HEAD")) {
            failures.add(target + ": " + outcome + " " + HostileInput.escape(response.body(), 200) + " for "
                    + request.method() + " " + HostileInput.escape(request.target().getBytes(StandardCharsets.UTF_8), 120)
                    + " " + request.headers().stream().map(h -> HostileInput.escape(h.getBytes(StandardCharsets.UTF_8), 80))
                    .toList() + " " + body.preview());
        }
    }

    private static boolean unsupportedTransferCoding(Request request) {
        return request.headers().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:")
                && !h.toLowerCase(java.util.Locale.ROOT).contains("chunked"));
    }

    private void assertNoFailures() {
        assertThat(failures).as("answers of 500 and above, closed connections, or 4xx without a reason"
                + " (%d in all; the first ones shown)", failures.size()).isEmpty();
    }

    // ------------------------------------------------------------------------------ helpers

    private static Request post(String target, Body body, String... headers) {
        List<String> lines = new ArrayList<>();
        if (body.contentType() != null) {
            lines.add("Content-Type: " + body.contentType());
        }
        lines.addAll(List.of(headers));
        return new Request("POST", target, lines, body.bytes());
    }

    /** The fields a form sender signs, as the intake will decode them; null when they do not decode. */
    private static Map<String, List<String>> fields(Body body) {
        try {
            return FormBody.decode(new InboundRequest("http://x/", body.contentType(), Map.of(), Map.of(), body.bytes()),
                    Set.of(FormBody.Type.URLENCODED));
        } catch (IntakeRejected notAForm) {
            return null;
        }
    }

    private static String junkSegment(Random r) {
        return HostileInput.pick(r, new String[] {"nope", "intake", "", "%00", "%ZZ", "..", "%2e%2e", "a".repeat(300),
                "01JNOTALEAD0000000000000000", "-1", "99999999999999999999", "%E2%80%AE", "%ff", "ID:1", "x%20y"});
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String path) {
        return TestTenants.resource(path);
    }

    /** Valid requests of the form, call and lead API senders, the templates the damage is done to. */
    static final class IntakeFormTemplates {
        static final byte[] HTML = ("name=Budi+Santoso&phone=0812-3456-7890&email=budi%40example.id&message=Halo"
                + "&utm_source=google").getBytes(StandardCharsets.UTF_8);
        static final byte[] TWILIO = ("CallSid=CAfuzz&AccountSid=AC01&From=%2B6281312345678&To=%2B622150001234"
                + "&CallStatus=no-answer&CallDuration=0&Direction=inbound").getBytes(StandardCharsets.UTF_8);
        static final byte[] ZADARMA = ("event=NOTIFY_END&call_start=2026-11-25+10%3A00%3A00&pbx_call_id=in_fuzz"
                + "&caller_id=%2B6281312345678&called_did=622150001234&duration=0&disposition=no+answer")
                .getBytes(StandardCharsets.UTF_8);
        static final byte[] LEAD = ("{\"externalId\":\"fuzz-1\",\"contact\":{\"fullName\":\"Budi Santoso\",\"phones\":"
                + "[\"0812-3456-7890\"],\"emails\":[\"budi@example.id\"]},\"message\":\"Halo\",\"attributes\":{\"score\":9.50}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Valid callbacks of each payment provider; Midtrans's signature_key is computed over the damaged fields. */
    static final class PaymentTemplates {
        static final byte[] XENDIT = ("{\"id\":\"579c8d61f23fa4ca35e52da4\",\"external_id\":\"inv-fuzz\",\"status\":\"PAID\","
                + "\"amount\":50000,\"paid_amount\":50000}").getBytes(StandardCharsets.UTF_8);
        static final byte[] MIDTRANS = ("{\"transaction_status\":\"settlement\",\"transaction_id\":\"tx-fuzz\","
                + "\"status_code\":\"200\",\"signature_key\":\"SIGNATURE\",\"order_id\":\"inv-fuzz\",\"gross_amount\":\"50000.00\"}")
                .getBytes(StandardCharsets.UTF_8);
        static final byte[] STRIPE = ("{\"id\":\"evt_fuzz\",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_fuzz\","
                + "\"object\":\"invoice\",\"amount_paid\":50000,\"metadata\":{\"lintas_invoice_id\":\"inv-fuzz\"}}}}")
                .getBytes(StandardCharsets.UTF_8);

        static Body midtransSigned(Body body) {
            String text = body.text();
            if (!text.contains("SIGNATURE")) {
                return body;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(body.bytes());
                String signature = MidtransSignature.compute(text(node, "order_id"), text(node, "status_code"),
                        text(node, "gross_amount"), "askvnoibnosifnboseofinbofinfgbiufglnbfg");
                return new Body(body.family(), body.contentType(),
                        text.replace("SIGNATURE", signature).getBytes(StandardCharsets.UTF_8));
            } catch (Exception notJson) {
                return body;
            }
        }

        private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
            com.fasterxml.jackson.databind.JsonNode v = node == null ? null : node.get(field);
            return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
        }
    }
}
