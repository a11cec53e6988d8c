package io.lintas.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.tenant.NotificationsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SMS.ru (contract sheet §7.2): {@code POST /sms/send} with {@code api_id} (put first by the connector),
 * {@code to} (digits, no plus), {@code msg}, {@code json=1}, optionally {@code from}. The answer has
 * a request status and one entry per number; {@code status_code} 100 is accepted and its
 * {@code sms_id} is kept.
 */
public final class SmsRuMessages {

    /**
     * Request-level codes worth retrying. 220 ("service temporarily unavailable") is from sms.ru's
     * code list, not the contract sheet: everything else (bad api_id, no money, bad sender) needs a person.
     */
    static final Set<Integer> TRANSIENT_CODES = Set.of(220);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsRuMessages() {
    }

    public static String formBody(NotificationsConfig.SmsRu smsru, String toE164, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("to", number(toE164));
        fields.put("msg", text);
        fields.put("json", "1");
        if (smsru.from() != null) {
            fields.put("from", smsru.from());
        }
        return FormEncoding.encode(fields);
    }

    static String number(String e164) {
        return e164.replaceAll("[^0-9]", "");
    }

    /** The sms_id of an accepted send; otherwise the failure, classified as the class comment says. */
    public static String messageId(SmsAnswer answer, String toE164) {
        int status = answer.status();
        if (status == 429) {
            throw new NotifyFailure.Transient("SMS.ru answered 429", null);
        }
        if (status >= 500) {
            throw new NotifyFailure.OutcomeUnknown("SMS.ru answered " + status, null);
        }
        JsonNode body = parse(answer.body());
        if (status != 200 || body == null) {
            throw new NotifyFailure.Permanent("SMS.ru answered " + status + " without a JSON result");
        }
        if (!"OK".equals(body.path("status").asText())) {
            int code = body.path("status_code").asInt(-1);
            String reason = "SMS.ru refused the request: status_code " + code + " " + body.path("status_text").asText("");
            if (TRANSIENT_CODES.contains(code)) {
                throw new NotifyFailure.Transient(reason.strip(), null);
            }
            throw new NotifyFailure.Permanent(reason.strip());
        }
        JsonNode sms = body.path("sms").path(number(toE164));
        if (sms.isMissingNode()) {
            throw new NotifyFailure.OutcomeUnknown("SMS.ru answered OK without an entry for the number", null);
        }
        if (!"OK".equals(sms.path("status").asText()) || sms.path("status_code").asInt() != 100) {
            throw new NotifyFailure.Permanent(("SMS.ru refused the number: status_code " + sms.path("status_code").asText("?")
                    + " " + sms.path("status_text").asText("")).strip());
        }
        String id = sms.path("sms_id").asText(null);
        if (id == null) {
            throw new NotifyFailure.OutcomeUnknown("SMS.ru accepted the number without an sms_id", null);
        }
        return id;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
