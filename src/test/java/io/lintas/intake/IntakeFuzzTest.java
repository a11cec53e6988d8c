package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.fuzz.HostileInput;
import io.lintas.fuzz.HostileInput.Body;
import io.lintas.fuzz.HostileInput.Shape;
import io.lintas.fuzz.Outcomes;
import io.lintas.fuzz.TestTenants;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.CallsConfig;
import io.lintas.tenant.MailboxConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import io.lintas.testing.TypeformSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Bad input at every intake parser, unit level: malformed, truncated, huge, wrongly encoded and hostile
 * bodies ({@link HostileInput}) made from a valid request of each sender. Signed senders get a valid
 * signature over the damaged bytes, so the damage reaches the parser behind the check.
 *
 * <p>The only allowed outcomes are a decision (a result) or {@link IntakeRejected} with a 4xx status and a
 * reason; any other exception, or an input taking more than {@value Outcomes#SLOW_MS} ms, fails the property with the
 * input shown. Tries: {@code jqwik.tries.default} (src/test/resources/junit-platform.properties; the
 * {@code fuzz} Maven profile raises it); the seed is fixed, so a run is repeatable.
 */
class IntakeFuzzTest {

    private static final String SEED = "20261126";
    /** The Bitrix24 fixture's ts: every signed scheme is signed at this instant. */
    private static final Instant NOW = Instant.ofEpochSecond(1766047124);
    private static final Outcomes OUTCOMES = new Outcomes("intake parsers (unit)");

    private static final String URL_BASE = "https://hub.example/hooks/acme/";
    private static final String TWILIO_TOKEN = "acme-twilio-token";
    private static final String ZADARMA_SECRET = "acme-zadarma-secret";
    private static final String PBX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final TenantRegistry tenants = TestTenants.registry();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FormIntake forms = new FormIntake(tenants, new FormParsers(), new LeadNormalizer(), clock, this::id);
    private final CallIntake calls = new CallIntake(tenants, new LeadNormalizer(), clock, this::id);
    private final Bitrix24EventIntake crmEvents = new Bitrix24EventIntake(tenants, clock, this::id);
    private final LeadApiIntake api = new LeadApiIntake(tenants, new LeadDocumentReader(), new LeadNormalizer(), clock, this::id);
    private final EmailIntake mail = new EmailIntake(mailTenants(), new LeadNormalizer(),
            (tenant, sha, type, content) -> AttachmentStore.REF_PREFIX + sha, clock, this::id, 4096);

    private String id() {
        return String.format("01JFUZZ%019d", ids.incrementAndGet());
    }

    @AfterContainer
    static void report() {
        OUTCOMES.report();
    }

    // ------------------------------------------------------------------------------ FormBody

    @Property(seed = SEED)
    void formBodyDecodesOrRejects(@ForAll("anyFormBody") Body body) {
        check("FormBody.decode", body, () -> FormBody.decode(request(URL_BASE + "forms/contact", body, Map.of()),
                Set.of(FormBody.Type.values())));
    }

    @Provide
    Arbitrary<Body> anyFormBody() {
        return Arbitraries.oneOf(HostileInput.bodies(Shape.FORM, HTML_FORM, TestRequests.URLENCODED),
                HostileInput.bodies(Shape.JSON, TestRequests.fixture("html/cf7.json"), TestRequests.JSON),
                HostileInput.bodies(Shape.MULTIPART, TestRequests.fixture("html/multipart.bin"), MULTIPART));
    }

    // ------------------------------------------------------------------------------ web forms

    static final String HTML_FORM = "name=Budi+Santoso&phone=0812-3456-7890&email=budi%40example.id&message=Halo"
            + "&utm_source=google&website=";
    static final String MULTIPART = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Property(seed = SEED)
    void htmlFormsDecideOrReject(@ForAll("anyFormBody") Body body) {
        Map<String, String> headers = new HashMap<>();
        String url = URL_BASE + "forms/contact?token=acme-form-token";
        if (body.bytes().length % 5 == 0) {
            url = URL_BASE + "forms/contact";
            headers.put("X-Lintas-Token", "acme-form-token");
        }
        InboundRequest request = request(url, body, headers);
        check("forms/html", body, () -> forms.receive("acme", "contact", request));
    }

    @Property(seed = SEED)
    void tildaFormsDecideOrReject(@ForAll("tilda") Body body) {
        InboundRequest request = request(URL_BASE + "forms/tilda", body, Map.of("X-API-Key", "acme-tilda-key"));
        check("forms/tilda", body, () -> forms.receive("acme", "tilda", request));
    }

    @Provide
    Arbitrary<Body> tilda() {
        return Arbitraries.oneOf(HostileInput.bodies(Shape.FORM, TestRequests.fixture("tilda/webhook-urlencoded.txt"),
                TestRequests.URLENCODED), HostileInput.bodies(Shape.JSON, TestRequests.fixture("tilda/marketplace.json"),
                TestRequests.JSON));
    }

    @Property(seed = SEED)
    void typeformDecidesOrRejects(@ForAll("typeform") Body body) {
        InboundRequest request = request(URL_BASE + "forms/typeform", body,
                Map.of("Typeform-Signature", TypeformSignature.of(body.bytes(), "acme-typeform-secret")));
        check("forms/typeform", body, () -> forms.receive("acme", "typeform", request));
    }

    @Provide
    Arbitrary<Body> typeform() {
        return HostileInput.bodies(Shape.JSON, fixture("/intake-webform/typeform.json"), TestRequests.JSON);
    }

    @Property(seed = SEED)
    void elementorDecidesOrRejects(@ForAll("elementor") Body body) {
        InboundRequest request = request(URL_BASE + "forms/elementor?token=acme-elementor-token", body, Map.of());
        check("forms/elementor", body, () -> forms.receive("acme", "elementor", request));
    }

    @Provide
    Arbitrary<Body> elementor() {
        return Arbitraries.oneOf(
                HostileInput.bodies(Shape.FORM, TestRequests.fixture("elementor/simple.txt"), TestRequests.URLENCODED),
                HostileInput.bodies(Shape.FORM, TestRequests.fixture("elementor/advanced.txt"), TestRequests.URLENCODED));
    }

    // ------------------------------------------------------------------------------ calls

    static final String TWILIO = "CallSid=CA0123&AccountSid=AC01&From=%2B6281312345678&To=%2B622150001234"
            + "&CallStatus=no-answer&CallDuration=0&Direction=inbound&CallerName=Budi";
    static final String ZADARMA = "event=NOTIFY_END&call_start=2026-11-25+10%3A00%3A00&pbx_call_id=in_0123"
            + "&caller_id=%2B6281312345678&called_did=622150001234&internal=100&duration=0&disposition=no+answer"
            + "&status_code=19&is_recorded=0&call_id_with_rec=";

    @Property(seed = SEED)
    void twilioCallsDecideOrReject(@ForAll("twilio") Body body) {
        String url = URL_BASE + "calls/twilio";
        Map<String, String> headers = new HashMap<>();
        signedFields(body).ifPresent(fields -> headers.put("X-Twilio-Signature",
                new TwilioSignatureVerifier().sign(url, fields, TWILIO_TOKEN)));
        InboundRequest request = request(url, body, headers);
        check("calls/twilio", body, () -> calls.receive("acme", "twilio", "POST", request));
    }

    @Provide
    Arbitrary<Body> twilio() {
        return HostileInput.bodies(Shape.FORM, TWILIO, TestRequests.URLENCODED);
    }

    @Property(seed = SEED)
    void zadarmaCallsDecideOrReject(@ForAll("zadarma") Body body) {
        Map<String, String> headers = new HashMap<>();
        signedFields(body).ifPresent(fields -> {
            Map<String, String> first = CallEvent.firstValues(fields);
            ZadarmaSignatureVerifier signer = new ZadarmaSignatureVerifier();
            if (first.get("event") != null) {
                signer.signedString(first.get("event"), first)
                        .ifPresent(data -> headers.put("Signature", signer.sign(data, ZADARMA_SECRET)));
            }
        });
        InboundRequest post = request(URL_BASE + "calls/zadarma", body, headers);
        check("calls/zadarma", body, () -> calls.receive("acme", "zadarma", "POST", post));
        // the same bytes as the zd_echo of a GET check
        String echo = body.text();
        InboundRequest get = new InboundRequest(URL_BASE + "calls/zadarma", null, Map.of(),
                Map.of("zd_echo", List.of(echo)), new byte[0]);
        check("calls/zadarma GET zd_echo", body, () -> calls.receive("acme", "zadarma", "GET", get));
    }

    @Provide
    Arbitrary<Body> zadarma() {
        return HostileInput.bodies(Shape.FORM, ZADARMA, TestRequests.URLENCODED);
    }

    @Property(seed = SEED)
    void pbxCallsDecideOrReject(@ForAll("pbx") Body body) {
        String ts = Long.toString(NOW.getEpochSecond());
        String webhookId = "msg_" + Integer.toHexString(body.hashCode());
        String signature = "v1," + StandardWebhookVerifier.sign(CallsConfig.whsecKey(PBX_SECRET), webhookId, ts, body.bytes());
        InboundRequest request = request(URL_BASE + "calls/pbx", body,
                Map.of("webhook-id", webhookId, "webhook-timestamp", ts, "webhook-signature", signature));
        check("calls/pbx", body, () -> calls.receive("acme", "pbx", "POST", request));
    }

    @Provide
    Arbitrary<Body> pbx() {
        return HostileInput.bodies(Shape.JSON, fixture("/intake-calls/pbx-call-ended.json"), TestRequests.JSON);
    }

    // ------------------------------------------------------------------------------ CRM events

    @Property(seed = SEED)
    void bitrix24EventsDecideOrReject(@ForAll("bitrix24") Body body) {
        InboundRequest request = request(URL_BASE + "crm/bitrix24", body, Map.of());
        check("crm-events/bitrix24", body, () -> crmEvents.receive("acme", request));
    }

    @Provide
    Arbitrary<Body> bitrix24() {
        return HostileInput.bodies(Shape.FORM, fixture("/intake-crm-bitrix24/event-oncrmleadadd.txt"), TestRequests.URLENCODED);
    }

    // ------------------------------------------------------------------------------ lead API and Kafka

    static final String LEAD = """
            {"externalId": "ord-1", "contact": {"fullName": "Budi Santoso", "phones": ["0812-3456-7890"],
             "emails": ["budi@example.id"], "company": "PT X"}, "message": "Halo", "utm": {"source": "erp"},
             "consent": "yes", "attributes": {"score": 9.50, "vip": true, "seats": 20}}""";

    @Property(seed = SEED)
    void leadApiDecidesOrRejects(@ForAll("lead") Body body) {
        InboundRequest request = request("https://hub.example/api/leads", body,
                Map.of(LeadApiIntake.TENANT_HEADER, "acme", "Authorization", "Bearer acme-api-key-0001-test"));
        check("api/leads", body, () -> api.http(request));
    }

    @Property(seed = SEED)
    void kafkaRecordsDecideOrReject(@ForAll("lead") Body body) {
        check("kafka/leads", body, () -> api.kafka("lintas.leads.in", body.bytes().length % 3 == 0 ? null : "acme",
                body.bytes()));
    }

    @Property(seed = SEED)
    void leadDocumentsReadOrReject(@ForAll("lead") Body body) {
        check("LeadDocumentReader.read", body, () -> new LeadDocumentReader().read(body.bytes()));
    }

    @Provide
    Arbitrary<Body> lead() {
        return HostileInput.bodies(Shape.JSON, LEAD, TestRequests.JSON);
    }

    // ------------------------------------------------------------------------------ email

    /**
     * A mailbox never answers a sender: whatever arrives becomes an envelope (a lead, or a skipped intake
     * with the reason), so the only allowed outcome is a result.
     */
    @Property(seed = SEED)
    void mailIsAlwaysAnEnvelope(@ForAll("mail") Body body) {
        check("email/EmailIntake", body, () -> {
            EmailIntake.Accepted accepted = mail.receive("acme", "sales", body.bytes());
            assertThat(accepted.envelope()).isNotNull();
            return accepted;
        });
    }

    /** The reader itself: a read mail, or the checked exceptions it declares; no runtime exception. */
    @Property(seed = SEED)
    void mailMessageReaderReadsOrDeclines(@ForAll("mail") Body body) {
        check("email/MailMessageReader", body, () -> {
            try {
                return MailMessageReader.read(body.bytes(), 4096);
            } catch (jakarta.mail.MessagingException | IOException declared) {
                return "declined";
            }
        });
    }

    @Provide
    Arbitrary<Body> mail() {
        List<Arbitrary<Body>> fixtures = new ArrayList<>();
        for (String name : new String[] {"reply.eml", "nested-multipart-attachments.eml", "windows-1251-base64.eml",
                "koi8-r-quoted-printable.eml", "html-only.eml", "auto-reply.eml"}) {
            fixtures.add(HostileInput.bodies(Shape.MIME, fixture("/mail/" + name), EmailIntake.CONTENT_TYPE));
        }
        return Arbitraries.oneOf(fixtures);
    }

    // ------------------------------------------------------------------------------ examples found by fuzzing

    @Example
    void validTemplatesAreAccepted() {
        Body twilio = new Body("valid", TestRequests.URLENCODED, TWILIO.getBytes(StandardCharsets.UTF_8));
        String url = URL_BASE + "calls/twilio";
        InboundRequest request = request(url, twilio, Map.of("X-Twilio-Signature",
                new TwilioSignatureVerifier().sign(url, signedFields(twilio).orElseThrow(), TWILIO_TOKEN)));
        assertThat(calls.receive("acme", "twilio", "POST", request).envelope()).isNotNull();
        assertThat(api.http(request("https://hub.example/api/leads", new Body("valid", TestRequests.JSON,
                LEAD.getBytes(StandardCharsets.UTF_8)), Map.of(LeadApiIntake.TENANT_HEADER, "acme",
                "Authorization", "Bearer acme-api-key-0001-test"))).status()).isEqualTo(202);
    }

    // ------------------------------------------------------------------------------ the check

    static void check(String target, Body body, Callable<?> call) {
        OUTCOMES.check(target, body, call);
    }

    // ------------------------------------------------------------------------------ helpers

    static InboundRequest request(String url, Body body, Map<String, String> headers) {
        int q = url.indexOf('?');
        return new InboundRequest(url, body.contentType(), headers,
                q < 0 ? Map.of() : InboundRequest.parseQuery(url.substring(q + 1)), body.bytes());
    }

    /** The fields a form sender signs, as the parser will decode them; empty when they do not decode. */
    private static java.util.Optional<Map<String, List<String>>> signedFields(Body body) {
        try {
            return java.util.Optional.of(FormBody.decode(request(URL_BASE, body, Map.of()),
                    Set.of(FormBody.Type.URLENCODED)));
        } catch (IntakeRejected notAForm) {
            return java.util.Optional.empty();
        }
    }

    static byte[] fixture(String path) {
        return TestTenants.resource(path);
    }

    private static TenantRegistry mailTenants() {
        MailboxConfig sales = new MailboxConfig("sales", true, "127.0.0.1", 3143, false, "user", "pw", "INBOX",
                Duration.ofSeconds(1), null, List.of("acme.co.id"), 4096);
        return new TenantRegistry(List.of(new Tenant("acme", "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"),
                Duration.ofHours(1), Map.of(), List.of(sales), null, null, null)));
    }
}
