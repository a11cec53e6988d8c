package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.lead.Channel;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.CallsConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The call intake's decisions: what is a lead, missed or answered, what is only acknowledged, how each sender is answered. */
class CallIntakeTest {

    /** The Standard Webhooks test vector's timestamp, so its official signature verifies. */
    private static final Instant NOW = Instant.ofEpochSecond(1614265330);
    private static final String URL = "https://hub.example/hooks/acme/calls/twilio";
    private static final String PBX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static Tenant tenant(CallsConfig calls) {
        return new Tenant("acme", "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(24), Map.of(),
                List.of(), calls, null, null);
    }

    private static CallIntake intake(CallsConfig calls) {
        return new CallIntake(new TenantRegistry(List.of(tenant(calls))), new LeadNormalizer(),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> "01JTESTCALL0000000000000000");
    }

    private static final CallsConfig CALLS = new CallsConfig(
            new CallsConfig.Twilio("tw-token", null, null, null),
            new CallsConfig.Zadarma("zd-secret"),
            new CallsConfig.Pbx(PBX_SECRET),
            Duration.ofSeconds(10), Duration.ofHours(2));

    private final CallIntake intake = intake(CALLS);

    // --- Twilio -----------------------------------------------------------------------------------

    @Test
    void aNoAnswerStatusCallbackIsAMissedCallLeadKeyedByCallSid() {
        Map<String, String> params = twilio("CA01", "no-answer");
        params.put("CallDuration", "0");

        IntakeDecision decision = intake.receive("acme", "twilio", "POST", twilioRequest(URL, params, "tw-token"));

        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.contentType()).isEqualTo("text/xml");
        assertThat(decision.body()).contains("<Response/>");
        IntakeEnvelope envelope = decision.envelope();
        assertThat(envelope.channel()).isEqualTo(Channel.CALL);
        assertThat(envelope.source()).isEqualTo("twilio");
        assertThat(envelope.sourceEventId()).isEqualTo("CA01");
        assertThat(envelope.repeatWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(envelope.endpoint()).isEqualTo("call missed (no-answer, 0 s)");
        assertThat(envelope.raw().phones()).containsExactly("+6281312345678");
        assertThat(envelope.raw().message()).isEqualTo("Missed call");
        assertThat(envelope.raw().attributes()).containsEntry(CallIntake.OUTCOME, "missed")
                .containsEntry(CallIntake.CALLED, "+622150001234").containsEntry("CallSid", "CA01")
                .doesNotContainKey("From");
        assertThat(decision.group()).startsWith("acme:").doesNotContain("81312345678");
    }

    @Test
    void theMissedThresholdSplitsShortPickUpsFromConversations() {
        Map<String, String> ten = twilio("CA10", "completed");
        ten.put("CallDuration", "10");
        Map<String, String> nine = twilio("CA09", "completed");
        nine.put("CallDuration", "9");

        assertThat(intake.receive("acme", "twilio", "POST", twilioRequest(URL, ten, "tw-token")).envelope().raw()
                .attributes()).containsEntry(CallIntake.OUTCOME, "answered");
        assertThat(intake.receive("acme", "twilio", "POST", twilioRequest(URL, nine, "tw-token")).envelope().raw()
                .attributes()).containsEntry(CallIntake.OUTCOME, "missed");
    }

    @Test
    void theVoiceRequestIsAnsweredWithTwimlAndQueuesNothing() {
        IntakeDecision plain = intake.receive("acme", "twilio", "POST", twilioRequest(URL, twilio("CA02", "ringing"), "tw-token"));
        CallIntake greeting = intake(new CallsConfig(new CallsConfig.Twilio("tw-token", null, "Halo & selamat datang",
                "+622150009999"), null, null, Duration.ofSeconds(10), null));
        IntakeDecision forwarded = greeting.receive("acme", "twilio", "POST",
                twilioRequest(URL + "?src=ads", twilio("CA03", "ringing"), "tw-token"));

        assertThat(plain.envelope()).isNull();
        assertThat(plain.contentType()).isEqualTo("text/xml");
        assertThat(plain.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
        assertThat(forwarded.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say>Halo &amp; selamat datang</Say>"
                + "<Dial action=\"/hooks/acme/calls/twilio\" method=\"POST\">+622150009999</Dial></Response>");
    }

    @Test
    void outboundCallsAndProgressCallbacksAreAcknowledgedOnly() {
        Map<String, String> outbound = twilio("CA04", "completed");
        outbound.put("Direction", "outbound-api");
        outbound.put("CallDuration", "300");
        Map<String, String> ringing = twilio("CA05", "ringing");
        ringing.put("CallbackSource", "call-progress-events");

        assertThat(intake.receive("acme", "twilio", "POST", twilioRequest(URL, outbound, "tw-token")).envelope()).isNull();
        assertThat(intake.receive("acme", "twilio", "POST", twilioRequest(URL, ringing, "tw-token")).envelope()).isNull();
    }

    /** Found by IntakeFuzzTest: a signed request with neither CallStatus nor DialCallStatus was a NullPointerException (500). */
    @Test
    void aTwilioRequestWithoutAnyStatusIsAnsweredAsAVoiceRequest() {
        Map<String, String> params = twilio("CA07", "ringing");
        params.remove("CallStatus");

        IntakeDecision decision = intake.receive("acme", "twilio", "POST", twilioRequest(URL, params, "tw-token"));

        assertThat(decision.envelope()).isNull();
        assertThat(decision.contentType()).isEqualTo("text/xml");
    }

    @Test
    void twilioRefusals() {
        Map<String, String> params = twilio("CA06", "busy");
        assertRejected(() -> intake.receive("acme", "twilio", "POST", twilioRequest(URL, params, "other-token")), 401);
        assertRejected(() -> intake.receive("acme", "twilio", "GET", twilioRequest(URL, params, "tw-token")), 405);
        InboundRequest signedForAnotherUrl = twilioRequest(URL + "?other=1", params, "tw-token");
        assertRejected(() -> intake.receive("acme", "twilio", "POST", new InboundRequest(URL,
                signedForAnotherUrl.contentType(), signedForAnotherUrl.headers(), Map.of(), signedForAnotherUrl.body())), 401);
        assertRejected(() -> intake.receive("acme", "sipuni", "POST", twilioRequest(URL, params, "tw-token")), 404);
        assertRejected(() -> intake.receive("other", "twilio", "POST", twilioRequest(URL, params, "tw-token")), 404);
    }

    // --- Zadarma ----------------------------------------------------------------------------------

    @Test
    void anAnsweredZadarmaCallKeepsItsRecordingAndIsKeyedByCallAndEvent() {
        Map<String, String> end = zadarmaEnd("answered", "42");
        end.put("is_recorded", "1");
        end.put("call_id_with_rec", "1732529702.2219");

        IntakeDecision decision = intake.receive("acme", "zadarma", "POST", zadarmaRequest(end, "zd-secret"));

        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.envelope().sourceEventId()).isEqualTo("in_77:NOTIFY_END");
        assertThat(decision.envelope().endpoint()).isEqualTo("call answered (answered, 42 s, recorded)");
        assertThat(decision.envelope().raw().attributes()).containsEntry(CallIntake.RECORDING, "1732529702.2219")
                .containsEntry("disposition", "answered").doesNotContainKey("caller_id");
    }

    @Test
    void anyDispositionButAnsweredIsMissed() {
        for (String disposition : List.of("busy", "cancel", "no answer", "failed", "no money")) {
            IntakeDecision decision = intake.receive("acme", "zadarma", "POST",
                    zadarmaRequest(zadarmaEnd(disposition, "0"), "zd-secret"));
            assertThat(decision.envelope().raw().attributes()).as(disposition).containsEntry(CallIntake.OUTCOME, "missed");
        }
    }

    @Test
    void zdEchoIsAnsweredVerbatimAndOtherEventsQueueNothing() {
        IntakeDecision echo = intake.receive("acme", "zadarma", "GET", new InboundRequest(
                "https://hub.example/hooks/acme/calls/zadarma?zd_echo=Xy_12", null, Map.of(),
                Map.of("zd_echo", List.of("Xy_12")), null));
        Map<String, String> start = zadarmaEnd("", "0");
        start.put("event", "NOTIFY_START");
        Map<String, String> record = new LinkedHashMap<>(Map.of("event", "NOTIFY_RECORD", "pbx_call_id", "in_77",
                "call_id_with_rec", "1732529702.2219"));

        assertThat(echo.envelope()).isNull();
        assertThat(echo.body()).isEqualTo("Xy_12");
        assertThat(echo.contentType()).isEqualTo("text/plain");
        assertThat(intake.receive("acme", "zadarma", "POST", zadarmaRequest(start, "zd-secret")).envelope()).isNull();
        assertThat(intake.receive("acme", "zadarma", "POST", zadarmaRequest(record, "zd-secret")).envelope()).isNull();
        assertRejected(() -> intake.receive("acme", "zadarma", "POST", zadarmaRequest(record, "wrong")), 401);
        assertRejected(() -> intake.receive("acme", "zadarma", "GET", new InboundRequest("u", null, Map.of(),
                Map.of("zd_echo", List.of("x".repeat(201))), null)), 422);
    }

    // --- generic PBX ------------------------------------------------------------------------------

    @Test
    void theOfficialStandardWebhooksVectorPassesVerificationAndIsThenReadAsACallEvent() {
        InboundRequest vector = pbxRequest("{\"test\": 2432232314}", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        InboundRequest forged = pbxRequest("{\"test\": 2432232315}", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        // verified, then refused for what it says: the vector is not a call event
        assertRejected(() -> intake.receive("acme", "pbx", "POST", vector), 422);
        assertRejected(() -> intake.receive("acme", "pbx", "POST", forged), 401);
    }

    @Test
    void aPbxCallEndedIsALeadKeyedByCallId() {
        String body = "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"1732529702.42\",\"direction\":\"inbound\","
                + "\"from\":\"0813-1234-5678\",\"status\":\"no_answer\",\"duration_seconds\":0,\"queue\":\"sales\"}}";

        IntakeDecision decision = intake.receive("acme", "pbx", "POST", signedPbx(body, "msg_1"));

        assertThat(decision.status()).isEqualTo(202);
        assertThat(decision.body()).contains("\"leadId\":\"01JTESTCALL0000000000000000\"").contains("\"outcome\":\"missed\"");
        assertThat(decision.envelope().sourceEventId()).isEqualTo("1732529702.42");
        assertThat(decision.envelope().raw().phones()).containsExactly("0813-1234-5678");
        assertThat(decision.envelope().raw().attributes()).containsEntry("queue", "sales").containsEntry("webhook_id", "msg_1");
    }

    @Test
    void pbxStartedAndOutboundAreAcknowledged() {
        String started = "{\"type\":\"call.started\",\"data\":{\"call_id\":\"1\",\"direction\":\"inbound\",\"from\":\"+6281312345678\"}}";
        String outbound = "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"2\",\"direction\":\"outbound\",\"to\":\"+6281312345678\",\"status\":\"answered\"}}";

        IntakeDecision a = intake.receive("acme", "pbx", "POST", signedPbx(started, "msg_2"));
        IntakeDecision b = intake.receive("acme", "pbx", "POST", signedPbx(outbound, "msg_3"));

        assertThat(a.envelope()).isNull();
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.envelope()).isNull();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IntakeRejected.class,
                e -> assertThat(e.status()).as(e.reason()).isEqualTo(status));
    }

    private static Map<String, String> twilio(String callSid, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Direction", "inbound");
        params.put("From", "+6281312345678");
        params.put("To", "+622150001234");
        return params;
    }

    private static InboundRequest twilioRequest(String url, Map<String, String> params, String token) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = new TwilioSignatureVerifier().sign(url, multi, token);
        return new InboundRequest(url, "application/x-www-form-urlencoded", Map.of("X-Twilio-Signature", signature),
                Map.of(), encode(params).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> zadarmaEnd(String disposition, String duration) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("event", "NOTIFY_END");
        f.put("call_start", "2026-11-25 10:15:02");
        f.put("pbx_call_id", "in_77");
        f.put("caller_id", "+6281312345678");
        f.put("called_did", "+622150001234");
        f.put("duration", duration);
        f.put("disposition", disposition);
        return f;
    }

    private static InboundRequest zadarmaRequest(Map<String, String> fields, String secret) {
        ZadarmaSignatureVerifier signer = new ZadarmaSignatureVerifier();
        String signature = signer.sign(signer.signedString(fields.get("event"), fields).orElseThrow(), secret);
        return new InboundRequest("https://hub.example/hooks/acme/calls/zadarma", "application/x-www-form-urlencoded",
                Map.of("Signature", signature), Map.of(), encode(fields).getBytes(StandardCharsets.UTF_8));
    }

    private static InboundRequest signedPbx(String body, String id) {
        String ts = Long.toString(NOW.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(PBX_SECRET.substring(6));
        return pbxRequest(body, id, ts, "v1," + StandardWebhookVerifier.sign(key, id, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static InboundRequest pbxRequest(String body, String id, String ts, String signature) {
        return new InboundRequest("https://hub.example/hooks/acme/calls/pbx", "application/json",
                Map.of("webhook-id", id, "webhook-timestamp", ts, "webhook-signature", signature), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
