package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.ledger.JourneyEntry;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.StoredLead;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * routes/intake-calls.camel.yaml against the real application: HTTP on loopback, the embedded
 * broker, the pipeline and the ledger. Twilio, Zadarma and the generic PBX contract, each signed
 * as its sender signs; what becomes a lead, what attaches to one, and every refusal.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeCallsRouteTest {

    private static final String TWILIO_TOKEN = "acme-twilio-token";
    private static final String ZADARMA_SECRET = "acme-zadarma-secret";
    private static final byte[] PBX_KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ObjectMapper json;

    WebhookClient client;

    @BeforeEach
    void client() {
        client = new WebhookClient(port);
    }

    // --- Twilio -----------------------------------------------------------------------------------

    @Test
    void aMissedTwilioCallIsOneLeadWithTheE164NumberEvenWhenTheCallbackComesTwice() throws Exception {
        String caller = randomIndonesianMobile();
        String callSid = callSid();
        NotifyBuilder twoProcessed = pipelineDone(2);
        NotifyBuilder voiceAnswered = new NotifyBuilder(camel).fromRoute("intake-calls").whenDone(1).create();

        HttpResponse<String> voice = twilio("acme", TWILIO_TOKEN, twilioCall(callSid, caller, "ringing"));
        assertThat(voice.statusCode()).isEqualTo(200);
        assertThat(voice.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(voice.body()).contains("<Response>").contains("</Response>");
        assertThat(voiceAnswered.matches(5, TimeUnit.SECONDS)).isTrue();

        Map<String, String> callback = twilioCall(callSid, caller, "no-answer");
        callback.put("CallDuration", "0");
        callback.put("CallbackSource", "call-progress-events");
        callback.put("SequenceNumber", "0");
        HttpResponse<String> first = twilio("acme", TWILIO_TOKEN, callback);
        HttpResponse<String> again = twilio("acme", TWILIO_TOKEN, callback);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(twoProcessed.matches(20, TimeUnit.SECONDS)).isTrue();
        String leadId = ledger.findBySourceEvent("acme", "twilio", callSid).orElseThrow();
        StoredLead lead = ledger.find(leadId).orElseThrow();
        assertThat(lead.lead().at("/channel").asText()).isEqualTo("CALL");
        assertThat(lead.lead().at("/contact/phones").size()).isEqualTo(1);
        assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo(caller);
        assertThat(lead.lead().at("/attributes/call_outcome").asText()).isEqualTo("missed");
        assertThat(lead.lead().at("/attributes/call_status").asText()).isEqualTo("no-answer");
        assertThat(lead.lead().at("/attributes/called_number").asText()).isEqualTo("+622150001234");
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
        assertThat(lead.journey()).extracting(JourneyEntry::detail).first().asString()
                .contains("call missed (no-answer, 0 s)").doesNotContain(caller.substring(3));
        assertThat(ledger.list("acme", null, null, null, 500).stream()
                .filter(l -> caller.equals(l.lead().at("/contact/phones/0").asText()))).hasSize(1);
        assertThat(messagesOnCrmQueueFor(leadId)).isEqualTo(1);
    }

    @Test
    void aSecondCallFromTheSameNumberWithinTheWindowAttachesToTheOpenLead() throws Exception {
        String caller = randomIndonesianMobile();
        NotifyBuilder processed = pipelineDone(3);

        Map<String, String> missed = twilioCall(callSid(), caller, "busy");
        Map<String, String> answered = twilioCall(callSid(), caller, "completed");
        answered.put("CallDuration", "185");
        answered.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1");
        assertThat(twilio("acme", TWILIO_TOKEN, missed).statusCode()).isEqualTo(200);
        assertThat(twilio("acme", TWILIO_TOKEN, answered).statusCode()).isEqualTo(200);
        assertThat(twilio("acme", TWILIO_TOKEN, answered).statusCode()).as("the same callback again").isEqualTo(200);

        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        String leadId = ledger.findBySourceEvent("acme", "twilio", missed.get("CallSid")).orElseThrow();
        assertThat(ledger.findBySourceEvent("acme", "twilio", answered.get("CallSid"))).isEmpty();
        StoredLead lead = ledger.find(leadId).orElseThrow();
        assertThat(lead.touches()).extracting(StoredLead.Touch::kind).containsExactly(LeadStatus.REPEAT, LeadStatus.DUPLICATE);
        assertThat(lead.journey()).filteredOn(e -> e.status().equals(LeadStatus.REPEAT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("call answered (completed, 185 s, recorded)")
                        .contains("PT2H"));
        assertThat(messagesOnCrmQueueFor(leadId)).isEqualTo(1);
    }

    @Test
    void anAnsweredCallIsALeadAndAPickUpShorterThanTheThresholdIsMissed() throws Exception {
        String talker = randomIndonesianMobile();
        String hangUp = randomIndonesianMobile();
        NotifyBuilder processed = pipelineDone(2);
        Map<String, String> talked = twilioCall(callSid(), talker, "completed");
        talked.put("CallDuration", "64");
        Map<String, String> short_ = twilioCall(callSid(), hangUp, "completed");
        short_.put("CallDuration", "4");

        assertThat(twilio("acme", TWILIO_TOKEN, talked).statusCode()).isEqualTo(200);
        assertThat(twilio("acme", TWILIO_TOKEN, short_).statusCode()).isEqualTo(200);

        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        JsonNode answeredLead = ledger.find(ledger.findBySourceEvent("acme", "twilio", talked.get("CallSid")).orElseThrow())
                .orElseThrow().lead();
        JsonNode missedLead = ledger.find(ledger.findBySourceEvent("acme", "twilio", short_.get("CallSid")).orElseThrow())
                .orElseThrow().lead();
        assertThat(answeredLead.at("/attributes/call_outcome").asText()).isEqualTo("answered");
        assertThat(answeredLead.at("/attributes/call_duration_seconds").asText()).isEqualTo("64");
        assertThat(answeredLead.at("/message").asText()).startsWith("Answered call");
        assertThat(missedLead.at("/attributes/call_outcome").asText()).isEqualTo("missed");
        assertThat(missedLead.at("/message").asText()).isEqualTo("Missed call");
    }

    @Test
    void theDialOutcomeMakesTheLeadAndTheLaterStatusCallbackIsADuplicate() throws Exception {
        String caller = randomIndonesianMobile();
        String callSid = callSid();
        NotifyBuilder processed = pipelineDone(2);
        Map<String, String> dial = twilioCall(callSid, caller, "in-progress");
        dial.put("DialCallStatus", "no-answer");
        dial.put("DialCallSid", "CA" + "f".repeat(32));
        dial.put("DialCallDuration", "0");
        Map<String, String> status = twilioCall(callSid, caller, "completed");
        status.put("CallDuration", "38"); // greeting and ringing: "completed", yet nobody answered

        HttpResponse<String> dialAnswer = twilio("acme", TWILIO_TOKEN, dial);
        assertThat(dialAnswer.statusCode()).isEqualTo(200);
        assertThat(dialAnswer.body()).contains("<Response/>");
        assertThat(twilio("acme", TWILIO_TOKEN, status).statusCode()).isEqualTo(200);

        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        StoredLead lead = ledger.find(ledger.findBySourceEvent("acme", "twilio", callSid).orElseThrow()).orElseThrow();
        assertThat(lead.lead().at("/attributes/call_outcome").asText()).isEqualTo("missed");
        assertThat(lead.lead().at("/attributes/call_status").asText()).isEqualTo("no-answer");
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
    }

    @Test
    void progressCallbacksAreAnsweredAndQueueNothing() {
        NotifyBuilder queued = new NotifyBuilder(camel).fromRoute("intake-calls").whenDone(1)
                .wereSentTo("jms://queue:lintas.intake*").create();
        NotifyBuilder answered = new NotifyBuilder(camel).fromRoute("intake-calls").whenDone(1).create();
        Map<String, String> ringing = twilioCall(callSid(), randomIndonesianMobile(), "ringing");
        ringing.put("CallbackSource", "call-progress-events");

        HttpResponse<String> response = twilio("acme", TWILIO_TOKEN, ringing);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answered.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.matches()).isFalse();
    }

    @Test
    void behindAProxyTheConfiguredPublicUrlIsWhatTwilioSignedAndTheTwimlGreetsAndForwards() {
        Map<String, String> call = twilioCall(callSid(), "+79161234567", "ringing");
        String publicUrl = "https://hooks.rusco.example/hooks/rusco/calls/twilio";
        String signature = new TwilioSignatureVerifier().sign(publicUrl, multi(call), "rusco-twilio-token");

        HttpResponse<String> response = client.form("/hooks/rusco/calls/twilio", urlEncoded(call),
                "X-Twilio-Signature", signature);
        HttpResponse<String> localUrlSigned = twilio("rusco", "rusco-twilio-token", call);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say>Rusco &lt;sales&gt; &amp; support</Say>"
                + "<Dial action=\"https://hooks.rusco.example/hooks/rusco/calls/twilio\" method=\"POST\">+74951234567</Dial>"
                + "</Response>");
        assertThat(localUrlSigned.statusCode()).isEqualTo(401);
    }

    // --- Zadarma ----------------------------------------------------------------------------------

    @Test
    void zadarmasUrlCheckIsEchoed() {
        HttpResponse<String> echo = client.get("/hooks/acme/calls/zadarma?zd_echo=a1b2C3d4", null, null);
        HttpResponse<String> plainGet = client.get("/hooks/acme/calls/zadarma", null, null);
        HttpResponse<String> twilioGet = client.get("/hooks/acme/calls/twilio?zd_echo=x", null, null);

        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("a1b2C3d4");
        assertThat(plainGet.statusCode()).isEqualTo(405);
        assertThat(twilioGet.statusCode()).isEqualTo(405);
    }

    @Test
    void theContractsWorkedExampleIsAcceptedOverHttp() {
        Map<String, String> start = new LinkedHashMap<>();
        start.put("event", "NOTIFY_START");
        start.put("call_start", "2024-05-01 12:00:00");
        start.put("pbx_call_id", "in_" + ThreadLocalRandom.current().nextLong(1_000_000L));
        start.put("caller_id", "+79001234567");
        start.put("called_did", "+74951234567");

        HttpResponse<String> signed = client.form("/hooks/rusco/calls/zadarma", urlEncoded(start),
                "Signature", "ZmIwZGZjMTRmZmMzYjEwMzFhYzI5Mzk4ZGVkYzU1NDdmNDA2OGI4Nw==");
        HttpResponse<String> rawBytesVariant = client.form("/hooks/rusco/calls/zadarma", urlEncoded(start),
                "Signature", "+w38FP/DsQMawpOY3txVR/QGi4c=");

        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(rawBytesVariant.statusCode()).isEqualTo(401);
    }

    @Test
    void aMissedZadarmaCallIsOneLeadWithItsRecordingEvenWhenNotifiedTwice() throws Exception {
        String caller = randomIndonesianMobile();
        String callId = "in_" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        NotifyBuilder processed = pipelineDone(2);
        Map<String, String> end = new LinkedHashMap<>();
        end.put("event", "NOTIFY_END");
        end.put("call_start", "2026-11-25 10:15:02");
        end.put("pbx_call_id", callId);
        end.put("caller_id", caller);
        end.put("called_did", "+622150001234");
        end.put("internal", "");
        end.put("duration", "0");
        end.put("disposition", "no answer");
        end.put("status_code", "19");
        end.put("is_recorded", "1");
        end.put("call_id_with_rec", "1732529702.2219");

        assertThat(zadarma(end).statusCode()).isEqualTo(200);
        assertThat(zadarma(end).statusCode()).isEqualTo(200);

        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        StoredLead lead = ledger.find(ledger.findBySourceEvent("acme", "zadarma", callId + ":NOTIFY_END").orElseThrow())
                .orElseThrow();
        assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo(caller);
        assertThat(lead.lead().at("/attributes/call_outcome").asText()).isEqualTo("missed");
        assertThat(lead.lead().at("/attributes/call_recording").asText()).isEqualTo("1732529702.2219");
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
    }

    @Test
    void zadarmaEventsBeforeTheEndOutboundCallsAndRecordingsAreAcknowledgedWithoutALead() {
        NotifyBuilder queued = new NotifyBuilder(camel).fromRoute("intake-calls").whenDone(3)
                .wereSentTo("jms://queue:lintas.intake*").create();
        NotifyBuilder answered = new NotifyBuilder(camel).fromRoute("intake-calls").whenDone(3).create();
        Map<String, String> start = Map.of("event", "NOTIFY_START", "call_start", "2026-11-25 10:15:02",
                "pbx_call_id", "in_1", "caller_id", randomIndonesianMobile(), "called_did", "+622150001234");
        Map<String, String> outEnd = Map.of("event", "NOTIFY_OUT_END", "call_start", "2026-11-25 10:15:02",
                "pbx_call_id", "out_1", "internal", "100", "destination", randomIndonesianMobile(),
                "duration", "61", "disposition", "answered");
        Map<String, String> record = Map.of("event", "NOTIFY_RECORD", "pbx_call_id", "in_1",
                "call_id_with_rec", "1732529702.2219");

        assertThat(zadarma(start).statusCode()).isEqualTo(200);
        assertThat(zadarma(outEnd).statusCode()).isEqualTo(200);
        assertThat(zadarma(record).statusCode()).isEqualTo(200);
        assertThat(answered.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.matches()).isFalse();
    }

    // --- generic PBX (Standard Webhooks) -----------------------------------------------------------

    @Test
    void aSignedPbxCallIsAcceptedAndItsReplayIsTheSameLead() throws Exception {
        String caller = randomIndonesianMobile();
        String callId = "1732529702." + ThreadLocalRandom.current().nextInt(100_000);
        String body = """
                {"type":"call.ended","timestamp":"2026-11-25T10:16:00Z","data":{"call_id":"%s","direction":"inbound",\
                "from":"%s","to":"+622150001234","status":"answered","duration_seconds":95,"caller_name":"Budi Santoso",\
                "extension":"101","recording_url":"https://pbx.example.com/monitor/%s.wav"}}""".formatted(callId, caller, callId);
        String webhookId = "msg_" + callId;
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        NotifyBuilder processed = pipelineDone(2);

        HttpResponse<String> first = pbx(body, webhookId, timestamp, PBX_KEY);
        HttpResponse<String> replay = pbx(body, webhookId, timestamp, PBX_KEY);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json.readTree(first.body()).path("outcome").asText()).isEqualTo("answered");
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(processed.matches(20, TimeUnit.SECONDS)).isTrue();
        String leadId = json.readTree(first.body()).path("leadId").asText();
        StoredLead lead = ledger.find(leadId).orElseThrow();
        assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo(caller);
        assertThat(lead.lead().at("/contact/firstName").asText()).isEqualTo("Budi");
        assertThat(lead.lead().at("/attributes/call_recording").asText()).endsWith(callId + ".wav");
        assertThat(lead.lead().at("/attributes/webhook_id").asText()).isEqualTo(webhookId);
        assertThat(lead.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));
    }

    // --- refusals ----------------------------------------------------------------------------------

    @Test
    void badInputGetsAClear4xxNeverA500() throws Exception {
        Map<String, String> call = twilioCall(callSid(), randomIndonesianMobile(), "no-answer");
        Map<String, String> noSid = new LinkedHashMap<>(call);
        noSid.remove("CallSid");
        String pbxBody = "{\"type\":\"call.ended\",\"data\":{\"call_id\":\"1\",\"direction\":\"inbound\","
                + "\"from\":\"+6281312345678\",\"status\":\"ringing\"}}";
        String now = Long.toString(Instant.now().getEpochSecond());
        String old = Long.toString(Instant.now().getEpochSecond() - 301);

        assertRefused(twilio("acme", "not-the-token", call), 401);
        assertRefused(client.form("/hooks/acme/calls/twilio", urlEncoded(call)), 401);
        assertRefused(twilio("acme", TWILIO_TOKEN, noSid), 422);
        assertRefused(client.form("/hooks/nowhere/calls/twilio", urlEncoded(call)), 404);
        assertRefused(client.form("/hooks/acme/calls/mango", urlEncoded(call)), 404);
        assertRefused(client.form("/hooks/rusco/calls/pbx", urlEncoded(call)), 404);
        assertRefused(client.post("/hooks/acme/calls/zadarma", "text/plain", "event=NOTIFY_END"), 415);
        assertRefused(client.form("/hooks/acme/calls/zadarma", "event=NOTIFY_END&caller_id=1&called_did=2&call_start=3",
                "Signature", "ZmIwZGZjMTRmZmMzYjEwMzFhYzI5Mzk4ZGVkYzU1NDdmNDA2OGI4Nw=="), 401);
        assertRefused(client.form("/hooks/acme/calls/zadarma", "event=NOTIFY_WHATEVER"), 422);
        assertRefused(pbx(pbxBody, "msg_bad_status", now, PBX_KEY), 422);
        assertRefused(pbx(pbxBody, "msg_old", old, PBX_KEY), 401);
        assertRefused(pbx(pbxBody, "msg_foreign", now, "another-key-of-24-bytes!".getBytes(StandardCharsets.UTF_8)), 401);
        assertRefused(client.post("/hooks/acme/calls/pbx", "application/xml", "<call/>"), 415);
        assertRefused(pbx("{\"type\":", "msg_broken", now, PBX_KEY), 400);
        Map<String, String> withheld = twilioCall(callSid(), "+266696687", "no-answer"); // Twilio's "anonymous"
        assertRefused(twilio("acme", TWILIO_TOKEN, withheld), 422);
    }

    private void assertRefused(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).path("reason").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.lintas");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private HttpResponse<String> twilio(String tenant, String token, Map<String, String> params) {
        String path = "/hooks/" + tenant + "/calls/twilio";
        String signature = new TwilioSignatureVerifier().sign("http://127.0.0.1:" + port + path, multi(params), token);
        return client.form(path, urlEncoded(params), "X-Twilio-Signature", signature);
    }

    private HttpResponse<String> zadarma(Map<String, String> fields) {
        ZadarmaSignatureVerifier signer = new ZadarmaSignatureVerifier();
        String signature = signer.sign(signer.signedString(fields.get("event"), fields).orElseThrow(), ZADARMA_SECRET);
        return client.form("/hooks/acme/calls/zadarma", urlEncoded(fields), "Signature", signature);
    }

    private HttpResponse<String> pbx(String body, String id, String timestamp, byte[] key) {
        String signature = "v1," + StandardWebhookVerifier.sign(key, id, timestamp, body.getBytes(StandardCharsets.UTF_8));
        return client.post("/hooks/acme/calls/pbx", "application/json", body,
                "webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
    }

    /** The parameters Twilio posts for an inbound call to the tenant's number. */
    private static Map<String, String> twilioCall(String callSid, String from, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Called", "+622150001234");
        params.put("Caller", from);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("FromCountry", "ID");
        params.put("To", "+622150001234");
        return params;
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v))));
        return out;
    }

    private static String urlEncoded(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String callSid() {
        return "CA" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
    }

    /** A valid Indonesian mobile number (Telkomsel 0813) in E.164, random enough not to meet another test's. */
    private static String randomIndonesianMobile() {
        return "+62813" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private NotifyBuilder pipelineDone(int leads) {
        return new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(leads).create();
    }

    private int messagesOnCrmQueueFor(String leadId) {
        return QueueProbe.messagesFor(jms, "lintas.crm", leadId);
    }
}
