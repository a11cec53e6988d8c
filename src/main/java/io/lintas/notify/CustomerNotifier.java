package io.lintas.notify;

import io.lintas.billing.InvoiceNotice;
import io.lintas.lead.Redaction;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the customer about an invoice, once per (notice, channel): email through SMTP and SMS through
 * the tenant's gateway, then queues the tenant's outbound webhooks.
 *
 * <p>The rule for "once": a channel is claimed in {@link NotificationLog} before the provider is
 * called. Found SENT: skipped. Nothing sent for sure (no connection, 429, SMTP unreachable): the
 * claim is released and the failure is transient (the broker redelivers with backoff). Refused by the
 * provider: FAILED, permanent, dead-lettered at once with the provider's reason (a replay tries it
 * again). Maybe sent (timeout after the request left, 5xx, or a claim left SENDING longer than
 * {@code inFlight}, i.e. by a crash): UNKNOWN,
 * dead-lettered at once and never re-sent by a redelivery; an operator checks the provider's log
 * and resolves it ({@code POST /api/notifications/resolve}).
 */
public class CustomerNotifier {

    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerNotifier.class);

    private final TenantRegistry tenants;
    private final NoticeComposer composer;
    private final NotificationLog log;
    private final EmailSender email;
    private final SmsTransport sms;
    private final OutboundWebhooks webhooks;
    private final NotificationsConfig.Smtp globalSmtp;
    private final String globalFrom;
    private final Clock clock;
    private final Duration inFlight;

    /**
     * @param globalSmtp the mail server of tenants without their own, or null
     * @param globalFrom the sender of tenants whose email section names none, or null
     * @param inFlight   how long a claim found SENDING counts as another consumer's send in progress
     *                   (transient) before it counts as a crashed one (outcome unknown)
     */
    public CustomerNotifier(TenantRegistry tenants, NoticeComposer composer, NotificationLog log, EmailSender email,
            SmsTransport sms, OutboundWebhooks webhooks, NotificationsConfig.Smtp globalSmtp, String globalFrom, Clock clock,
            Duration inFlight) {
        this.tenants = tenants;
        this.composer = composer;
        this.log = log;
        this.email = email;
        this.sms = sms;
        this.webhooks = webhooks;
        this.globalSmtp = globalSmtp;
        this.globalFrom = globalFrom;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /** @throws NotifyFailure the most retryable failure of the channels, naming every one that failed */
    public void notify(InvoiceNotice notice) {
        if (notice == null || notice.tenant() == null || notice.noticeId() == null || notice.invoiceId() == null
                || notice.kind() == null) {
            throw new NotifyFailure.Permanent("not a notice: tenant, noticeId, invoiceId and kind are required");
        }
        Tenant tenant = tenants.find(notice.tenant())
                .orElseThrow(() -> new NotifyFailure.Permanent("unknown tenant " + notice.tenant()));
        NotificationsConfig config = tenant.notifications();
        if (config == null) {
            LOG.info("notice {} of tenant {}: the tenant has no notifications section, nothing sent", notice.noticeId(), tenant.id());
            return;
        }
        List<NotifyFailure> failures = new ArrayList<>();
        if (config.email() != null && present(notice.customerEmail())) {
            once(notice, EMAIL, "smtp", () -> sendEmail(tenant, config.email(), notice), failures);
        }
        if (config.sms() != null && present(notice.customerPhone())) {
            String provider = config.sms().provider().name().toLowerCase(Locale.ROOT);
            once(notice, SMS, provider, () -> sendSms(tenant, config.sms(), notice), failures);
        }
        webhooks.publishInvoice(tenant, notice);
        if (!failures.isEmpty()) {
            throw worst(failures);
        }
    }

    private void once(InvoiceNotice notice, String channel, String provider, Supplier<String> send, List<NotifyFailure> failures) {
        NotificationLog.Key key = new NotificationLog.Key(notice.tenant(), notice.noticeId(), channel);
        String where = channel + " via " + provider + ": ";
        try {
            if (!claim(key, notice, provider, where)) {
                return;
            }
            String messageId;
            try {
                messageId = send.get();
            } catch (NotifyFailure.Transient e) {
                log.release(key);
                throw e;
            } catch (NotifyFailure.Permanent e) {
                log.markFailed(key, e.getMessage());
                throw e;
            } catch (NotifyFailure.OutcomeUnknown e) {
                log.markUnknown(key, e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                log.markUnknown(key, e.toString());
                throw new NotifyFailure.OutcomeUnknown(Redaction.mask(e.toString()), e);
            }
            log.markSent(key, messageId);
            LOG.info("notice {} of tenant {}: {} sent ({})", notice.noticeId(), notice.tenant(), channel, messageId);
        } catch (NotifyFailure e) {
            failures.add(prefixed(e, where));
        }
    }

    /** True when this attempt may send; false when it was sent before. */
    private boolean claim(NotificationLog.Key key, InvoiceNotice notice, String provider, String where) {
        for (int tries = 0; tries < 2; tries++) {
            if (log.claim(key, notice.invoiceId(), notice.kind().name(), provider)) {
                return true;
            }
            Optional<NotificationLog.Entry> entry = log.find(key);
            if (entry.isEmpty()) {
                continue; // released meanwhile
            }
            switch (entry.get().status()) {
                case SENT:
                    return false;
                case FAILED:
                    if (log.reclaimFailed(key)) {
                        return true;
                    }
                    continue;
                case SENDING:
                    if (entry.get().updatedAt().isAfter(clock.instant().minus(inFlight))) {
                        throw new NotifyFailure.Transient("another consumer is sending it right now", null);
                    }
                    log.markUnknown(key, "an earlier attempt stopped while sending");
                    throw new NotifyFailure.OutcomeUnknown("an earlier attempt stopped while sending; check the provider before resolving", null);
                case UNKNOWN:
                default:
                    throw new NotifyFailure.OutcomeUnknown("outcome unknown since " + entry.get().updatedAt()
                            + " (" + entry.get().detail() + "); check the provider before resolving", null);
            }
        }
        throw new NotifyFailure.Transient("another consumer holds this send", null);
    }

    private String sendEmail(Tenant tenant, NotificationsConfig.Email settings, InvoiceNotice notice) {
        NotificationsConfig.Smtp server = settings.smtp() != null ? settings.smtp() : globalSmtp;
        if (server == null) {
            throw new NotifyFailure.Permanent("no SMTP server: set lintas.notify.smtp.host or the tenant's notifications.email.smtp");
        }
        String from = settings.from() != null ? settings.from() : globalFrom;
        NoticeComposer.EmailContent content = composer.email(notice, tenant);
        String messageId = "<" + notice.noticeId().replaceAll("[^A-Za-z0-9._-]", ".") + "@" + tenant.id() + ".notify.lintas>";
        MimeMessage message = EmailMessages.build(from, notice.customerEmail(), notice.customerName(), content, messageId, clock.instant());
        email.send(server, message);
        return messageId;
    }

    private String sendSms(Tenant tenant, NotificationsConfig.Sms gateway, InvoiceNotice notice) {
        String text = composer.sms(notice, tenant);
        String to = notice.customerPhone();
        return switch (gateway.provider()) {
            case TWILIO -> TwilioMessages.messageId(sms.send(gateway, TwilioMessages.formBody(gateway.twilio(), to, text)));
            case SMSRU -> SmsRuMessages.messageId(sms.send(gateway, SmsRuMessages.formBody(gateway.smsru(), to, text)), to);
        };
    }

    private static NotifyFailure worst(List<NotifyFailure> failures) {
        String all = String.join("; ", failures.stream().map(Throwable::getMessage).toList());
        NotifyFailure first = failures.stream().filter(f -> f instanceof NotifyFailure.Transient).findFirst().orElse(failures.get(0));
        if (failures.size() == 1) {
            return first;
        }
        if (first instanceof NotifyFailure.Transient) {
            return new NotifyFailure.Transient(all, first);
        }
        if (first instanceof NotifyFailure.OutcomeUnknown) {
            return new NotifyFailure.OutcomeUnknown(all, first);
        }
        return new NotifyFailure.Permanent(all);
    }

    private static NotifyFailure prefixed(NotifyFailure e, String where) {
        String message = where + e.getMessage();
        if (e instanceof NotifyFailure.Transient) {
            return new NotifyFailure.Transient(message, e.getCause());
        }
        if (e instanceof NotifyFailure.OutcomeUnknown) {
            return new NotifyFailure.OutcomeUnknown(message, e.getCause());
        }
        return new NotifyFailure.Permanent(message);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
