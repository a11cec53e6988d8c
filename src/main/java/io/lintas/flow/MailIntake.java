package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.EmailIntake;
import io.lintas.intake.IntakeEnvelope;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel side of the email intake: takes the raw MIME of the polled mail, asks {@link EmailIntake}
 * for the envelope, and sets the exchange up to put it on the intake queue.
 */
public class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    private final EmailIntake intake;
    private final ObjectMapper json;

    public MailIntake(EmailIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    /** One polled mail of {@code mailbox} of {@code tenant}. */
    public void receive(Exchange exchange, String tenant, String mailbox) throws MessagingException, IOException {
        EmailIntake.Accepted accepted = intake.receive(tenant, mailbox, rawMime(exchange));
        IntakeEnvelope envelope = accepted.envelope();
        Message message = exchange.getMessage();
        IntakeMessages.write(message, envelope, accepted.group(), json);
        LOG.debug("mail of {}/{} queued as intake {}{}", tenant, mailbox, envelope.id(),
                envelope.isSkipped() ? " (skipped: " + envelope.skipReason() + ")" : "");
    }

    /** A mail could not be queued: said once, masked; it stays unseen and the next poll reads it again. */
    public void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("mail of route {} not taken, it stays unread and is read again on the next poll: {}",
                exchange.getFromRouteId(), DeadLetters.reason(failure));
    }

    /** The mail exactly as the server holds it; read with PEEK, so this does not flag it seen. */
    static byte[] rawMime(Exchange exchange) throws MessagingException, IOException {
        Message in = exchange.getIn();
        if (in instanceof MailMessage mail && mail.getOriginalMessage() != null) {
            jakarta.mail.Message original = mail.getOriginalMessage();
            int size = original.getSize();
            ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? size : 8192);
            original.writeTo(out);
            return out.toByteArray();
        }
        byte[] body = in.getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }
}
