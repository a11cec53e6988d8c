package io.lintas.flow;

import io.lintas.notify.EmailSender;
import io.lintas.notify.NotifyFailure;
import io.lintas.tenant.NotificationsConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a customer email with camel-mail: {@code smtp://} (optionally STARTTLS, required) or
 * {@code smtps://} (implicit TLS), the message body given as a built MimeMessage.
 *
 * <p>Failures: a refused recipient or login is permanent; anything else from the mail server
 * (unreachable, 4xx) is transient and retried. SMTP has no idempotency key: a server that accepted
 * the DATA and then lost the connection before its reply would get the email again on the retry;
 * the fixed Message-ID lets a mail client fold that rare copy.
 */
public class CamelEmailSender implements EmailSender {

    private final ProducerTemplate producer;
    private final int timeoutMillis;

    public CamelEmailSender(ProducerTemplate producer, int timeoutMillis) {
        this.producer = producer;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(NotificationsConfig.Smtp server, MimeMessage message) {
        Exchange answer = producer.send(uri(server, timeoutMillis), ExchangePattern.InOnly, exchange -> exchange.getIn().setBody(message));
        Exception failure = answer.getException();
        if (failure == null) {
            return;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SendFailedException refused && refused.getValidSentAddresses() == null
                    && refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0) {
                throw new NotifyFailure.Permanent("the mail server refused the recipient: " + refused.getMessage());
            }
            if (t instanceof AuthenticationFailedException) {
                throw new NotifyFailure.Permanent("the mail server refused the login of " + server.username());
            }
        }
        throw new NotifyFailure.Transient("SMTP " + server.host() + ":" + server.port() + " failed: " + failure.getMessage(), failure);
    }

    static String uri(NotificationsConfig.Smtp server, int timeoutMillis) {
        StringBuilder uri = new StringBuilder(server.tls() == NotificationsConfig.Tls.IMPLICIT ? "smtps://" : "smtp://")
                .append(server.host()).append(':').append(server.port())
                .append("?connectionTimeout=").append(timeoutMillis)
                .append("&mail.smtp.timeout=").append(timeoutMillis)
                .append("&mail.smtp.writetimeout=").append(timeoutMillis);
        if (server.tls() == NotificationsConfig.Tls.STARTTLS) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        if (server.username() != null) {
            uri.append("&username=RAW(").append(server.username()).append(")&password=RAW(").append(server.password()).append(')');
        }
        return uri.toString();
    }
}
