package io.lintas.intake;

import io.lintas.connector.ZadarmaSignatureVerifier;
import io.lintas.tenant.CallsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Zadarma PBX notifications (form-urlencoded POSTs with an {@code event} field and a
 * {@code Signature} header), and the {@code GET ?zd_echo=} check Zadarma makes when the URL is saved.
 *
 * <p>Only {@code NOTIFY_END} (an incoming call is over; {@code disposition} says how) makes a lead,
 * keyed {@code pbx_call_id:NOTIFY_END}. The other events are verified and acknowledged: START, IVR,
 * ANSWER and INTERNAL come before the outcome is known, OUT_START and OUT_END are the tenant calling
 * out, and RECORD only says a recording is ready: its id ({@code call_id_with_rec}) already came with
 * NOTIFY_END when {@code is_recorded=1} and is kept on the lead.
 */
final class ZadarmaCallParser {

    static final String ECHO = "zd_echo";
    /** Longest echo answered: Zadarma's values are short tokens. */
    static final int MAX_ECHO = 200;
    private static final Set<String> MAPPED = Set.of("caller_id");

    private final ZadarmaSignatureVerifier verifier = new ZadarmaSignatureVerifier();

    CallEvent parse(String method, InboundRequest request, CallsConfig.Zadarma config) {
        if ("GET".equals(method)) {
            String echo = request.queryParam(ECHO);
            if (echo == null) {
                throw new IntakeRejected(405, "GET is only for Zadarma's zd_echo check; notifications are POSTed");
            }
            if (echo.length() > MAX_ECHO) {
                throw IntakeRejected.unprocessable("zd_echo longer than " + MAX_ECHO + " characters");
            }
            return CallEvent.probe(echo);
        }
        Map<String, String> f = CallEvent.firstValues(FormBody.decode(request, Set.of(FormBody.Type.URLENCODED)));
        String event = f.get("event");
        if (event == null || event.isBlank()) {
            throw IntakeRejected.unprocessable("event field missing: not a Zadarma notification");
        }
        if (verifier.signedString(event, f).isEmpty()) {
            throw IntakeRejected.unprocessable("event is not one Zadarma signs and Lintas handles");
        }
        if (!verifier.isValid(event, f, request.header("Signature"), config.secret())) {
            throw IntakeRejected.unauthorized("Signature header missing or does not match (API secret key)");
        }
        if (!event.equals("NOTIFY_END")) {
            return CallEvent.acknowledge();
        }
        String callId = f.get("pbx_call_id");
        if (callId == null || callId.isBlank()) {
            throw IntakeRejected.unprocessable("pbx_call_id missing");
        }
        String disposition = f.getOrDefault("disposition", "");
        String recording = "1".equals(f.get("is_recorded")) && f.get("call_id_with_rec") != null
                && !f.get("call_id_with_rec").isBlank() ? f.get("call_id_with_rec") : null;
        Map<String, String> attributes = new LinkedHashMap<>();
        f.forEach((name, value) -> {
            if (!MAPPED.contains(name)) {
                attributes.put(name, value);
            }
        });
        return new CallEvent(CallEvent.Kind.OUTCOME, callId + ":" + event, f.get("caller_id"), f.get("called_did"),
                null, disposition, disposition.equals("answered"), CallEvent.seconds(f.get("duration")), recording,
                attributes, null);
    }
}
