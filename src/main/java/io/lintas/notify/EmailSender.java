package io.lintas.notify;

import io.lintas.tenant.NotificationsConfig;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands one email to an SMTP server. Throws {@link NotifyFailure.Transient} when the server could
 * not be reached or refused for now, {@link NotifyFailure.Permanent} when it refused the recipient.
 */
public interface EmailSender {

    void send(NotificationsConfig.Smtp server, MimeMessage message);
}
