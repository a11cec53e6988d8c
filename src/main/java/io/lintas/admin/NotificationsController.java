package io.lintas.admin;

import io.lintas.notify.NotificationLog;
import io.lintas.notify.WebhookDeliveries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Customer notifications and outbound webhooks for operators: failed webhook deliveries (and a
 * retry), and email/SMS sends whose outcome is unknown or that a provider refused (and the
 * operator's decision on an unknown one).
 */
@RestController
public class NotificationsController {

    private final WebhookDeliveries deliveries;
    private final NotificationLog log;

    public NotificationsController(WebhookDeliveries deliveries, NotificationLog log) {
        this.deliveries = deliveries;
        this.log = log;
    }

    /** Deliveries in a status (pending, delivered, failed), newest first. */
    @GetMapping("/api/webhooks/deliveries")
    public Map<String, Object> deliveries(@RequestParam(defaultValue = "failed") String status,
            @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "50") int limit) {
        WebhookDeliveries.Status wanted = parse(WebhookDeliveries.Status.class, status);
        List<Map<String, Object>> rows = deliveries.list(wanted, tenant, clamp(limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", wanted.name());
        body.put("count", rows.size());
        body.put("deliveries", rows);
        return body;
    }

    /** Sends a FAILED delivery again, same webhook-id and body, from the first delay of the schedule. */
    @PostMapping("/api/webhooks/deliveries/{id}/retry")
    public Map<String, Object> retry(@PathVariable String id) {
        if (!deliveries.retry(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no FAILED delivery " + id);
        }
        return Map.of("id", id, "status", "PENDING");
    }

    /** Email and SMS sends in a status (unknown, failed, sent, sending), newest first. */
    @GetMapping("/api/notifications")
    public Map<String, Object> notifications(@RequestParam(defaultValue = "unknown") String status,
            @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "50") int limit) {
        NotificationLog.Status wanted = parse(NotificationLog.Status.class, status);
        List<Map<String, Object>> rows = log.list(wanted, tenant, clamp(limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", wanted.name());
        body.put("count", rows.size());
        body.put("notifications", rows);
        return body;
    }

    /** The operator's decision on an UNKNOWN send: {@code sent=true} keeps it; false lets a DLQ replay send it. */
    public record Resolution(String tenant, String noticeId, String channel, boolean sent) {
    }

    @PostMapping("/api/notifications/resolve")
    public Map<String, Object> resolve(@RequestBody Resolution resolution) {
        if (resolution.tenant() == null || resolution.noticeId() == null || resolution.channel() == null) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "tenant, noticeId and channel are required");
        }
        NotificationLog.Key key = new NotificationLog.Key(resolution.tenant(), resolution.noticeId(),
                resolution.channel().toUpperCase(Locale.ROOT));
        if (!log.resolveUnknown(key, resolution.sent())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no UNKNOWN send for that notice and channel");
        }
        return Map.of("resolved", resolution.sent() ? "SENT" : "released: replay the notice from /api/dlq/notify");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown status " + value);
        }
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 500));
    }
}
