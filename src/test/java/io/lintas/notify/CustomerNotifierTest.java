package io.lintas.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.InvoiceNotice;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.TenantRegistry;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The once-per-channel rule on a real (H2) ledger with fake senders: what a redelivery does after
 * each kind of earlier outcome.
 */
class CustomerNotifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final NotificationsConfig.Smtp SMTP = new NotificationsConfig.Smtp("127.0.0.1", 25, NotificationsConfig.Tls.NONE, null, null);

    private JdbcTemplate jdbc;
    private NotificationLog log;
    private CustomerNotifier notifier;
    private final List<MimeMessage> sentEmails = new ArrayList<>();
    private final List<String> sentSms = new ArrayList<>();
    private RuntimeException emailFailure;
    private final InvoiceNotice notice = Notices.issued("INV-" + UUID.randomUUID(), "id", "IDR", new BigDecimal("150000"));

    @BeforeEach
    void ledger() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:notify-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        log = new NotificationLog(jdbc, clock);
        NotificationsConfig config = new NotificationsConfig("id", null, new NotificationsConfig.Email("billing@acme.example", null),
                new NotificationsConfig.Sms(NotificationsConfig.Provider.TWILIO,
                        new NotificationsConfig.Twilio("http://twilio", "AC1", "t", "+15017122661", null), null), List.of());
        TenantRegistry tenants = new TenantRegistry(List.of(Notices.tenant("Acme", config)));
        EmailSender email = (server, message) -> {
            if (emailFailure != null) {
                throw emailFailure;
            }
            sentEmails.add(message);
        };
        SmsTransport sms = (gateway, body) -> {
            sentSms.add(body);
            return new SmsAnswer(201, "{\"sid\":\"SM" + sentSms.size() + "\"}");
        };
        OutboundWebhooks webhooks = new OutboundWebhooks(tenants, new WebhookDeliveries(jdbc, clock), (u, h, b) -> null,
                List.of(), Duration.ofMinutes(1), clock, new ObjectMapper(), () -> 0.5);
        notifier = new CustomerNotifier(tenants, new NoticeComposer(new NoticeTemplates()), log, email, sms, webhooks, SMTP, null, clock,
                Duration.ofSeconds(30));
    }

    @Test
    void aRedeliveredNoticeSendsNothingTwice() {
        notifier.notify(notice);
        notifier.notify(notice);

        assertThat(sentEmails).hasSize(1);
        assertThat(sentSms).hasSize(1);
        assertThat(log.find(key("SMS")).orElseThrow().messageId()).isEqualTo("SM1");
    }

    @Test
    void anEmailThatSurelyDidNotLeaveIsReleasedAndSentByTheNextAttempt() {
        emailFailure = new NotifyFailure.Transient("SMTP down", null);

        assertThatThrownBy(() -> notifier.notify(notice)).isInstanceOf(NotifyFailure.Transient.class).hasMessageContaining("EMAIL via smtp: SMTP down");
        assertThat(log.find(key("EMAIL"))).isEmpty();
        assertThat(sentSms).hasSize(1);

        emailFailure = null;
        notifier.notify(notice);
        assertThat(sentEmails).hasSize(1);
        assertThat(sentSms).as("the SMS is not sent again").hasSize(1);
    }

    @Test
    void aClaimLeftSendingByACrashIsUnknownAndNotSentAgainUntilAnOperatorReleasesIt() {
        log.claim(key("SMS"), notice.invoiceId(), "ISSUED", "twilio");
        jdbc.update("UPDATE notification_sent SET updated_at = ?", Timestamp.from(NOW.minusSeconds(120)));

        assertThatThrownBy(() -> notifier.notify(notice)).isInstanceOf(NotifyFailure.OutcomeUnknown.class)
                .hasMessageContaining("stopped while sending");
        assertThat(sentSms).isEmpty();
        assertThat(log.find(key("SMS")).orElseThrow().status()).isEqualTo(NotificationLog.Status.UNKNOWN);
        assertThatThrownBy(() -> notifier.notify(notice)).isInstanceOf(NotifyFailure.OutcomeUnknown.class);
        assertThat(sentSms).isEmpty();

        assertThat(log.resolveUnknown(key("SMS"), false)).isTrue();
        notifier.notify(notice);
        assertThat(sentSms).hasSize(1);
        assertThat(sentEmails).hasSize(1);
    }

    @Test
    void aClaimJustTakenByAnotherConsumerIsWaitedFor() {
        log.claim(key("SMS"), notice.invoiceId(), "ISSUED", "twilio");

        assertThatThrownBy(() -> notifier.notify(notice)).isInstanceOf(NotifyFailure.Transient.class)
                .hasMessageContaining("another consumer is sending it");
        assertThat(sentSms).isEmpty();
        assertThat(log.find(key("SMS")).orElseThrow().status()).isEqualTo(NotificationLog.Status.SENDING);
    }

    @Test
    void anUnknownTenantIsPermanent() {
        InvoiceNotice stray = new InvoiceNotice("X:ISSUED", "nobody", "X", InvoiceNotice.Kind.ISSUED, null, null, null, null,
                BigDecimal.ONE, "IDR", null, null, null, null, null, null, null);

        assertThatThrownBy(() -> notifier.notify(stray)).isInstanceOf(NotifyFailure.Permanent.class).hasMessageContaining("unknown tenant nobody");
    }

    private NotificationLog.Key key(String channel) {
        return new NotificationLog.Key("acme", notice.noticeId(), channel);
    }
}
