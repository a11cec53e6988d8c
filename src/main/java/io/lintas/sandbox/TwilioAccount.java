package io.lintas.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Twilio's Messages API in memory (contract sheet §7.1): {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form fields To, From or MessagingServiceSid, Body, Basic {@code AccountSid:AuthToken}; 201 with an ApiV2010Message
 * ({@code sid} SM…, status queued). Nothing is sent anywhere: the messages are recorded and listed at
 * {@code GET /sandbox/sms}. Errors in Twilio's {@code {code, message, more_info, status}} form: 20003 no or
 * mismatched credentials, 21604 no To, 21602 no Body, 21603 neither From nor MessagingServiceSid.
 */
public final class TwilioAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 2822 dates, as Twilio writes them. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final List<ObjectNode> messages = new ArrayList<>();
    private long requests;

    public TwilioAccount(Clock clock) {
        this.clock = clock;
    }

    /** The messages accepted so far, oldest first. */
    public synchronized List<ObjectNode> messages() {
        return messages.stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized long requests() {
        return requests;
    }

    /** @param path after the base URL, e.g. {@code /2010-04-01/Accounts/AC…/Messages.json} */
    public synchronized StandInAnswer handle(String method, String path, String authorization, String form) {
        requests++;
        String[] parts = path.split("/");
        // "", "2010-04-01", "Accounts", sid, "Messages.json"
        if (!"POST".equals(method) || parts.length != 5 || !"2010-04-01".equals(parts[1]) || !"Accounts".equals(parts[2])
                || !"Messages.json".equals(parts[4])) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
        String sid = parts[3];
        String[] credentials = StandInAnswer.basic(authorization);
        if (credentials == null || !credentials[0].equals(sid) || credentials[1].isBlank()) {
            return error(401, 20003, "Authenticate");
        }
        ObjectNode fields = Params.fromQuery(form);
        String to = fields.path("To").asText("");
        String body = fields.path("Body").asText("");
        String from = fields.path("From").asText(null);
        String service = fields.path("MessagingServiceSid").asText(null);
        if (to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (body.isEmpty()) {
            return error(400, 21602, "Message body is required.");
        }
        if (from == null && service == null) {
            return error(400, 21603, "A 'From' phone number is required.");
        }
        String messageSid = String.format("SM%032x", messages.size() + 1L);
        String now = RFC_2822.format(clock.instant());
        ObjectNode m = JSON.createObjectNode();
        m.put("account_sid", sid);
        m.put("api_version", "2010-04-01");
        m.put("body", body);
        m.put("date_created", now);
        m.putNull("date_sent");
        m.put("date_updated", now);
        m.put("direction", "outbound-api");
        m.putNull("error_code");
        m.putNull("error_message");
        m.put("from", from);
        m.put("messaging_service_sid", service);
        m.put("num_media", "0");
        m.put("num_segments", String.valueOf(segments(body)));
        m.putNull("price");
        m.put("price_unit", "USD");
        m.put("sid", messageSid);
        m.put("status", "queued");
        m.putObject("subresource_uris").put("media",
                "/2010-04-01/Accounts/" + sid + "/Messages/" + messageSid + "/Media.json");
        m.put("to", to);
        m.put("uri", "/2010-04-01/Accounts/" + sid + "/Messages/" + messageSid + ".json");
        messages.add(m);
        return new StandInAnswer(201, m.deepCopy());
    }

    /** The recorded messages as JSON: {@code {"count":n,"messages":[…]}}. */
    public synchronized ObjectNode listing() {
        ObjectNode out = JSON.createObjectNode();
        out.put("count", messages.size());
        ArrayNode list = out.putArray("messages");
        messages.forEach(m -> list.add(m.deepCopy()));
        return out;
    }

    private static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> c < 128);
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        return body.length() <= single ? 1 : (body.length() + multi - 1) / multi;
    }

    private static StandInAnswer error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return new StandInAnswer(status, body);
    }
}
