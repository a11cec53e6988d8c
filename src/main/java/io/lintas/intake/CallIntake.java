package io.lintas.intake;

import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.lead.Channel;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.lead.RawLead;
import io.lintas.tenant.CallsConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Phone-system intake, {@code /hooks/{tenant}/calls/{provider}}: finds the tenant and provider,
 * lets the provider's parser verify and read the notification, and turns the end of an inbound
 * call into an envelope.
 *
 * <p>A call is <b>missed</b> when the provider says nobody answered (no-answer, busy, failed,
 * canceled) or when it was answered for less than the tenant's {@code missed-threshold}; otherwise
 * it is <b>answered</b>. Either way the envelope carries the caller's number and the tenant's
 * {@code repeat-window}: the ledger makes it a new lead, or a REPEAT touch on the open lead of the
 * same number within that window. The provider's call id is the event key, so a notification
 * delivered twice is one lead.
 */
public class CallIntake {

    /** Attribute names Lintas adds to a call lead. */
    public static final String OUTCOME = "call_outcome";
    public static final String STATUS = "call_status";
    public static final String DURATION = "call_duration_seconds";
    public static final String CALLED = "called_number";
    public static final String RECORDING = "call_recording";

    private final TenantRegistry tenants;
    private final LeadNormalizer normalizer;
    private final Clock clock;
    private final Supplier<String> ids;
    private final TwilioCallParser twilio = new TwilioCallParser();
    private final ZadarmaCallParser zadarma = new ZadarmaCallParser();
    private final PbxCallParser pbx;

    public CallIntake(TenantRegistry tenants, LeadNormalizer normalizer, Clock clock, Supplier<String> ids) {
        this.tenants = tenants;
        this.normalizer = normalizer;
        this.clock = clock;
        this.ids = ids;
        this.pbx = new PbxCallParser(new StandardWebhookVerifier(clock));
    }

    /**
     * @param method the HTTP method: POST, or GET for Zadarma's zd_echo check only
     * @throws IntakeRejected 404 unknown tenant or provider, 405, 401 bad signature, 415, 422, 400
     */
    public IntakeDecision receive(String tenantId, String provider, String method, InboundRequest request) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        CallsConfig calls = tenant.calls();
        if (calls == null || !calls.has(provider)) {
            throw IntakeRejected.notFound("unknown call provider for this tenant (twilio, zadarma or pbx)");
        }
        if (!"POST".equals(method) && !("GET".equals(method) && provider.equals("zadarma"))) {
            throw new IntakeRejected(405, "POST only (GET is accepted for Zadarma's zd_echo check)");
        }
        CallEvent event = switch (provider) {
            case "twilio" -> twilio.parse(request, calls.twilio());
            case "zadarma" -> zadarma.parse(method, request, calls.zadarma());
            default -> pbx.parse(request, calls.pbx());
        };
        return switch (event.kind()) {
            case PROBE -> new IntakeDecision(null, 200, "text/plain", event.reply(), null);
            case VOICE -> new IntakeDecision(null, 200, "text/xml", event.reply(), null);
            case ACKNOWLEDGE -> acknowledged(provider);
            case OUTCOME -> outcome(tenant, calls, provider, event, request);
        };
    }

    private IntakeDecision outcome(Tenant tenant, CallsConfig calls, String provider, CallEvent event,
            InboundRequest request) {
        boolean missed = !event.answered() || event.durationSeconds() < calls.missedThreshold().toSeconds();
        String outcome = missed ? "missed" : "answered";
        Map<String, String> attributes = new LinkedHashMap<>(event.attributes());
        attributes.put(OUTCOME, outcome);
        attributes.put(STATUS, event.status());
        attributes.put(DURATION, Long.toString(event.durationSeconds()));
        if (event.calledNumber() != null) {
            attributes.put(CALLED, event.calledNumber());
        }
        if (event.recording() != null) {
            attributes.put(RECORDING, event.recording());
        }
        String message = missed ? "Missed call" : "Answered call, " + event.durationSeconds() + " s";
        RawLead raw = new RawLead(event.callerName(), null, null,
                event.customerPhone() == null ? List.of() : List.of(event.customerPhone()), List.of(), null, message,
                Map.of(), null, attributes);
        String id = ids.get();
        Instant now = clock.instant();
        Lead lead = normalizer.normalize(new LeadOrigin(id, tenant.id(), Channel.CALL, provider, event.eventKey(), now,
                null), raw, tenant.region());
        if (lead.contact().phones().isEmpty()) {
            throw IntakeRejected.unprocessable("caller number missing, withheld or not a valid phone number");
        }
        // the journey line says what the call was; never the number
        String endpoint = "call " + outcome + " (" + event.status() + ", " + event.durationSeconds() + " s"
                + (event.recording() == null ? "" : ", recorded") + ")";
        IntakeEnvelope envelope = new IntakeEnvelope(id, tenant.id(), Channel.CALL, provider, endpoint,
                event.eventKey(), now, raw, null, request.contentType(), request.body(), List.of(),
                calls.repeatWindow(), null);
        String group = FormIntake.group(lead);
        return switch (provider) {
            case "twilio" -> new IntakeDecision(envelope, 200, "text/xml", TwilioCallParser.EMPTY_TWIML, group);
            case "zadarma" -> new IntakeDecision(envelope, 200, "text/plain", "", group);
            default -> new IntakeDecision(envelope, 202, "application/json",
                    "{\"leadId\":\"" + id + "\",\"status\":\"accepted\",\"outcome\":\"" + outcome + "\"}", group);
        };
    }

    private static IntakeDecision acknowledged(String provider) {
        return switch (provider) {
            case "twilio" -> new IntakeDecision(null, 200, "text/xml", TwilioCallParser.EMPTY_TWIML, null);
            case "zadarma" -> new IntakeDecision(null, 200, "text/plain", "", null);
            default -> new IntakeDecision(null, 200, "application/json", "{\"status\":\"acknowledged\"}", null);
        };
    }
}
