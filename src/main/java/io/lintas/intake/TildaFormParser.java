package io.lintas.intake;

import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tilda webhooks: the classic form-urlencoded webhook and the JSON "marketplace" delivery.
 * <ul>
 *   <li>{@code test=test} (or {@code {"test":"test"}}) is the probe Tilda sends when the webhook is
 *       connected: answered before any credential check, since Tilda sends it bare.</li>
 *   <li>{@link FormConfig#apiKey()}, when set, must come in {@link FormConfig#apiKeyHeader()}
 *       ({@code Bearer} prefix allowed), an {@code api_key}/{@code apikey} body field or {@code ?token=}.</li>
 *   <li>{@link FormConfig#token()}, when set, must come as {@code ?token=}.</li>
 *   <li>{@code tranid} is the idempotency key; {@code COOKIES} gives missing utm tags from {@code TILDAUTM}.</li>
 * </ul>
 */
public final class TildaFormParser implements FormParser {

    private static final Set<FormBody.Type> ACCEPTED = EnumSet.of(FormBody.Type.URLENCODED, FormBody.Type.JSON);
    private static final int LONGEST_PROBE = 64;
    private static final int LONGEST_COOKIES = 16_000;

    private final FormFieldMapper mapper = new FormFieldMapper();

    @Override
    public FormKind kind() {
        return FormKind.TILDA;
    }

    @Override
    public ParsedSubmission parse(InboundRequest request, FormConfig form) {
        if (isProbe(request.body())) {
            return ParsedSubmission.probe();
        }
        String queryToken = request.queryParam("token");
        if (FormGuards.isSet(form.token()) && !FormGuards.anyMatches(form.token(), queryToken)) {
            throw IntakeRejected.unauthorized("Tilda form token missing or wrong: pass it as ?token=");
        }
        boolean apiKeyShown = !FormGuards.isSet(form.apiKey())
                || FormGuards.anyMatches(form.apiKey(), headerKey(request, form), queryToken);

        LinkedHashMap<String, List<String>> fields = FormBody.decode(request, ACCEPTED);
        if (!apiKeyShown && !FormGuards.anyMatches(form.apiKey(),
                FormGuards.first(fields, "api_key"), FormGuards.first(fields, "apikey"))) {
            throw IntakeRejected.unauthorized("Tilda API key missing or wrong: send it in the "
                    + form.apiKeyHeader() + " header");
        }

        String tranid = FormGuards.idempotencyKey(FormGuards.first(fields, "tranid"));
        String cookies = FormGuards.first(fields, "COOKIES");
        fields.remove("tranid");
        fields.remove("COOKIES");
        fields.remove("api_key");
        fields.remove("apikey");

        RawLead lead = mapper.map(fields, form); // formid stays, as attribute "formid"
        lead = FormFieldMapper.withUtmDefaults(lead, tildaUtm(cookies));

        String spam = FormGuards.honeypotReason(fields, form);
        return spam == null ? ParsedSubmission.lead(tranid, lead) : ParsedSubmission.spam(tranid, lead, spam);
    }

    private static String headerKey(InboundRequest request, FormConfig form) {
        String value = request.header(form.apiKeyHeader());
        if (value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).strip();
        }
        return value;
    }

    /** The probe is exactly {@code test=test}, or a JSON object holding only {@code "test":"test"}. */
    static boolean isProbe(byte[] body) {
        if (body.length > LONGEST_PROBE) {
            return false;
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.equals("test=test")) {
            return true;
        }
        if (!text.startsWith("{")) {
            return false;
        }
        try {
            var json = FormBody.jsonObject(body, null);
            return json.size() == 1 && json.path("test").isTextual() && json.path("test").asText().equals("test");
        } catch (IntakeRejected notJson) {
            return false;
        }
    }

    /** utm tags from the {@code TILDAUTM} cookie: url-encoded {@code utm_source=a|||utm_medium=b|||}. */
    static Map<String, String> tildaUtm(String cookies) {
        Map<String, String> utm = new LinkedHashMap<>();
        if (cookies == null || cookies.length() > LONGEST_COOKIES) {
            return utm;
        }
        for (String cookie : cookies.split(";")) {
            String trimmed = cookie.strip();
            if (!trimmed.regionMatches(true, 0, "TILDAUTM=", 0, 9)) {
                continue;
            }
            String decoded = lenientDecode(trimmed.substring(9));
            for (String pair : decoded.split("\\|\\|\\|")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    String value = pair.substring(equals + 1);
                    utm.putIfAbsent(pair.substring(0, equals).strip(), value.contains("%") ? lenientDecode(value) : value);
                }
            }
        }
        return utm;
    }

    /** Tracking data is optional: a broken escape leaves the text as it was instead of failing the lead. */
    private static String lenientDecode(String text) {
        try {
            List<String> decoded = FormBody.urlEncoded(("v=" + text.replace("&", "%26"))
                    .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).get("v");
            return decoded == null ? text : decoded.get(0);
        } catch (IntakeRejected broken) {
            return text;
        }
    }
}
