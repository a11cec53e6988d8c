package io.lintas.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.tenant.NotificationsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's Messages API (contract sheet §7.1): {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form fields {@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body}; the answer is
 * an ApiV2010Message whose {@code sid} (SM…) is kept. Twilio has no idempotency key for a send
 * (contract: not found), so a send that may have happened is never repeated blindly.
 */
public final class TwilioMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TwilioMessages() {
    }

    public static String formBody(NotificationsConfig.Twilio twilio, String toE164, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", toE164);
        if (twilio.messagingServiceSid() != null) {
            fields.put("MessagingServiceSid", twilio.messagingServiceSid());
        } else {
            fields.put("From", twilio.from());
        }
        fields.put("Body", text);
        return FormEncoding.encode(fields);
    }

    /**
     * The message sid of an accepted send; otherwise the failure: 429 is transient (Twilio refused it,
     * nothing was sent); other 4xx are permanent (bad number, bad credentials: Twilio's code and
     * message are the reason); 5xx may have been sent: outcome unknown.
     */
    public static String messageId(SmsAnswer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            JsonNode body = parse(answer.body());
            String sid = body == null ? null : body.path("sid").asText(null);
            if (sid == null) {
                throw new NotifyFailure.OutcomeUnknown("Twilio answered " + status + " without a message sid", null);
            }
            return sid;
        }
        String reason = "Twilio answered " + status + describe(parse(answer.body()));
        if (status == 429) {
            throw new NotifyFailure.Transient(reason, null);
        }
        if (status >= 500) {
            throw new NotifyFailure.OutcomeUnknown(reason, null);
        }
        throw new NotifyFailure.Permanent(reason);
    }

    private static String describe(JsonNode error) {
        if (error == null) {
            return "";
        }
        return ": code " + error.path("code").asText("?") + " " + error.path("message").asText("");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
