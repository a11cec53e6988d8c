package io.lintas.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceNotice;
import io.lintas.lead.Redaction;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lintas's own webhooks to tenants' URLs (Standard Webhooks, contract sheet §4). An event is stored
 * once per subscribed URL with a webhook-id derived from the event, so a redelivered notice queues
 * nothing twice; {@link #dispatchDue} sends what is due, signed afresh per attempt, and retries a
 * failed attempt after the next delay of the schedule (with ±10 % jitter, never sooner than the
 * subscriber's Retry-After) until the schedule is used up: then the delivery is FAILED and listed
 * by the admin API. 410 Gone fails it at once.
 */
public class OutboundWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundWebhooks.class);

    private final TenantRegistry tenants;
    private final WebhookDeliveries deliveries;
    private final WebhookTransport transport;
    private final List<Duration> schedule;
    private final Duration lease;
    private final Clock clock;
    private final ObjectMapper json;
    private final DoubleSupplier random;

    /**
     * @param schedule delays before the 2nd, 3rd, ... attempt; its size + 1 attempts in all
     * @param lease    how long one attempt holds a delivery against other instances
     * @param random   values in [0, 1) for the jitter
     */
    public OutboundWebhooks(TenantRegistry tenants, WebhookDeliveries deliveries, WebhookTransport transport,
            List<Duration> schedule, Duration lease, Clock clock, ObjectMapper json, DoubleSupplier random) {
        this.tenants = tenants;
        this.deliveries = deliveries;
        this.transport = transport;
        this.schedule = List.copyOf(schedule);
        this.lease = lease;
        this.clock = clock;
        this.json = json;
        this.random = random;
    }

    /** The event a notice is, or null: reminders and reversals have none (yet). */
    public static String eventType(InvoiceNotice.Kind kind) {
        return switch (kind) {
            case ISSUED -> "invoice.issued";
            case PAID_RECEIPT -> "invoice.paid";
            case EXPIRED -> "invoice.expired";
            default -> null;
        };
    }

    /** Queues the notice's event for each subscribed URL of its tenant; returns how many were new. */
    public int publishInvoice(Tenant tenant, InvoiceNotice notice) {
        String type = eventType(notice.kind());
        if (type == null) {
            return 0;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoiceId", notice.invoiceId());
        data.put("status", switch (notice.kind()) {
            case PAID_RECEIPT -> "PAID";
            case EXPIRED -> "EXPIRED";
            default -> "PENDING";
        });
        data.put("amount", notice.amount());
        data.put("currency", notice.currency());
        data.put("dueDate", notice.dueDate() == null ? null : notice.dueDate().toString());
        data.put("bank", notice.bank());
        data.put("vaNumber", notice.vaNumber());
        data.put("paymentLink", notice.paymentLink());
        data.put("amountPaid", notice.amountPaid());
        data.put("provider", notice.provider());
        data.put("leadId", notice.leadId());
        return publish(tenant, type, notice.noticeId(), data);
    }

    /**
     * Queues any event for the tenant's subscribers, e.g. {@code lead.created} with the lead id as
     * {@code eventKey} (the hook for the lead pipeline: call it after the NEW lead is committed).
     *
     * @param eventKey unique per event: the webhook-id is derived from it
     */
    public int publish(Tenant tenant, String type, String eventKey, Map<String, Object> data) {
        NotificationsConfig config = tenant.notifications();
        if (config == null) {
            return 0;
        }
        int added = 0;
        for (NotificationsConfig.Webhook hook : config.subscribers(type)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("timestamp", clock.instant().toString());
            event.put("data", data);
            String body;
            try {
                body = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event not serialisable", e);
            }
            if (deliveries.add(webhookId(tenant.id(), type, eventKey, hook.url()), tenant.id(), hook.url(), type, body)) {
                added++;
            }
        }
        return added;
    }

    /** Makes one attempt for each delivery due now (at most {@code limit}); returns how many were attempted. */
    public int dispatchDue(int limit) {
        int attempted = 0;
        for (WebhookDeliveries.Due due : deliveries.due(limit)) {
            Instant now = clock.instant();
            if (!deliveries.take(due, now.plus(lease))) {
                continue;
            }
            attempted++;
            attempt(due, now);
        }
        return attempted;
    }

    private void attempt(WebhookDeliveries.Due due, Instant now) {
        Optional<NotificationsConfig.Webhook> hook = tenants.find(due.tenant())
                .map(Tenant::notifications)
                .flatMap(n -> n.webhooks().stream().filter(w -> w.url().equals(due.url())).findFirst());
        if (hook.isEmpty()) {
            deliveries.attemptFailed(due, null, "the tenant no longer subscribes this URL", null);
            return;
        }
        Map<String, String> headers = WebhookSigner.headers(hook.get().key(), due.id(), now.getEpochSecond(), due.body());
        try {
            WebhookTransport.Answer answer = transport.post(due.url(), headers, due.body());
            int status = answer.status();
            if (status >= 200 && status < 300) {
                deliveries.delivered(due, status);
            } else if (status == 410) {
                deliveries.attemptFailed(due, status, "410 Gone: the subscriber asked to stop", null);
            } else {
                failed(due, status, "HTTP " + status, retryAfter(answer.retryAfter()));
            }
        } catch (IOException | RuntimeException e) {
            failed(due, null, Redaction.mask(e.getClass().getSimpleName() + ": " + e.getMessage()), Duration.ZERO);
        }
    }

    private void failed(WebhookDeliveries.Due due, Integer status, String error, Duration retryAfter) {
        int attempts = due.attempts() + 1;
        Instant next = null;
        if (attempts <= schedule.size()) {
            Duration delay = schedule.get(attempts - 1);
            long jittered = Math.round(delay.toMillis() * (0.9 + 0.2 * random.getAsDouble()));
            delay = Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
            next = clock.instant().plus(delay);
        }
        LOG.warn("webhook {} of tenant {} ({}) attempt {} failed: {}{}", due.id(), due.tenant(), due.eventType(), attempts, error,
                next == null ? "; no attempts left, delivery FAILED" : "; next at " + next);
        deliveries.attemptFailed(due, status, error, next);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.min(Long.parseLong(header.strip()), 86_400));
        } catch (NumberFormatException e) {
            return Duration.ZERO; // an HTTP date: the schedule's own delay applies
        }
    }

    /** {@code msg_} + 32 hex of SHA-256 over tenant, type, event key and URL: the same on every attempt and replay. */
    static String webhookId(String tenant, String type, String eventKey, String url) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((tenant + "\n" + type + "\n" + eventKey + "\n" + url).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
