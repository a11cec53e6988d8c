package io.lintas.intake;

import io.lintas.connector.TwilioSignatureVerifier;
import io.lintas.tenant.CallsConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio Programmable Voice: the Voice URL request, status callbacks and {@code <Dial action>}
 * callbacks, all POSTed form-urlencoded to the same URL and signed with {@code X-Twilio-Signature}.
 *
 * <p>Which request makes the lead: only one that knows the outcome. The Voice URL request comes
 * while the phone rings, so it is answered with TwiML and queues nothing. The {@code <Dial action>}
 * callback ({@code DialCallStatus}) or the status callback with a final {@code CallStatus}
 * (completed, busy, no-answer, failed, canceled) is queued with {@code CallSid} as the event key;
 * whichever of them the ledger sees second is a DUPLICATE touch of the same lead. The Dial
 * callback comes first when both are configured, and it is the better judge (the parent call is
 * "completed" even when nobody answered the Dial).
 */
final class TwilioCallParser {

    static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    private static final Set<String> DIAL_ANSWERED = Set.of("completed", "answered");
    /** Fields read into the lead; everything else goes to its attributes. */
    private static final Set<String> MAPPED = Set.of("From", "Caller", "CallerName");

    private final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier();

    CallEvent parse(InboundRequest request, CallsConfig.Twilio config) {
        boolean json = request.mediaType().equals("application/json");
        Map<String, List<String>> fields = FormBody.decode(request,
                Set.of(FormBody.Type.URLENCODED, FormBody.Type.JSON));
        String url = signedUrl(request.url(), config.publicBaseUrl());
        if (!verifier.isValid(url, json ? Map.of() : fields, request.body(), request.header("X-Twilio-Signature"),
                config.authToken())) {
            throw IntakeRejected.unauthorized("X-Twilio-Signature missing or does not match this URL and body"
                    + " (is the tenant's public-base-url the URL configured in Twilio?)");
        }
        Map<String, String> f = CallEvent.firstValues(fields);
        String callSid = f.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            throw IntakeRejected.unprocessable("CallSid missing: not a Twilio voice request");
        }
        String dialStatus = f.get("DialCallStatus");
        String callStatus = f.get("CallStatus");
        boolean outcome = dialStatus != null || (callStatus != null && FINAL_STATUSES.contains(callStatus));
        if (!outcome) {
            return f.containsKey("CallbackSource") ? CallEvent.acknowledge()
                    : new CallEvent(CallEvent.Kind.VOICE, callSid, null, null, null, callStatus, false, 0, null, null,
                            twiml(config, request.url()));
        }
        String direction = f.getOrDefault("Direction", "inbound");
        if (!direction.equals("inbound")) {
            return CallEvent.acknowledge(); // the tenant calling out is not a lead
        }
        String status = dialStatus != null ? dialStatus : callStatus;
        boolean answered = dialStatus != null ? DIAL_ANSWERED.contains(dialStatus) : "completed".equals(callStatus);
        long duration = CallEvent.seconds(dialStatus != null ? f.get("DialCallDuration") : f.get("CallDuration"));
        Map<String, String> attributes = new LinkedHashMap<>();
        f.forEach((name, value) -> {
            if (!MAPPED.contains(name)) {
                attributes.put(name, value);
            }
        });
        String from = f.get("From") != null && !f.get("From").isBlank() ? f.get("From") : f.get("Caller");
        return new CallEvent(CallEvent.Kind.OUTCOME, callSid, from, f.get("To"), f.get("CallerName"), status,
                answered, duration, blankToNull(f.get("RecordingUrl")), attributes, null);
    }

    /** The URL Twilio signed: the request URL, or its path and query on the tenant's public base URL. */
    static String signedUrl(String requestUrl, String publicBaseUrl) {
        if (publicBaseUrl == null) {
            return requestUrl;
        }
        return publicBaseUrl + pathAndQuery(requestUrl);
    }

    private static String pathAndQuery(String url) {
        int scheme = url.indexOf("://");
        int path = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return path < 0 ? "" : url.substring(path);
    }

    /**
     * What the caller hears: the tenant's greeting, then the call put through to its number with the
     * Dial outcome posted back here. Nothing configured: an empty response, Twilio hangs up, and the
     * status callback records a missed call (a "missed-call number").
     */
    static String twiml(CallsConfig.Twilio config, String requestUrl) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        if (config.greeting() != null) {
            xml.append("<Say>").append(xml(config.greeting())).append("</Say>");
        }
        if (config.forwardTo() != null) {
            String path = pathAndQuery(requestUrl);
            int query = path.indexOf('?');
            String action = (config.publicBaseUrl() == null ? "" : config.publicBaseUrl())
                    + (query < 0 ? path : path.substring(0, query));
            xml.append("<Dial action=\"").append(xml(action)).append("\" method=\"POST\">")
                    .append(xml(config.forwardTo())).append("</Dial>");
        }
        return xml.append("</Response>").toString();
    }

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
