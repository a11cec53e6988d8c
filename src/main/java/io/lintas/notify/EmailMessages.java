package io.lintas.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Builds the customer email: multipart/alternative with a UTF-8 plain-text part first and the HTML
 * part last (the one clients prefer), the subject RFC 2047-encoded when it is not ASCII, and a
 * Message-ID derived from the notice, the same on every attempt.
 */
public final class EmailMessages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private EmailMessages() {
    }

    public static MimeMessage build(String from, String to, String toName, NoticeComposer.EmailContent content,
            String messageId, Instant sentAt) {
        try {
            MimeMessage message = new FixedIdMessage(SESSION, messageId);
            message.setFrom(InternetAddress.parse(from, true)[0]);
            message.setRecipient(Message.RecipientType.TO, recipient(to, toName));
            message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(sentAt));
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new NotifyFailure.Permanent("the email cannot be built: " + e.getMessage());
        }
    }

    private static InternetAddress recipient(String to, String name) throws AddressException, UnsupportedEncodingException {
        InternetAddress address = new InternetAddress(to, true);
        if (name != null && !name.isBlank()) {
            address.setPersonal(name.strip(), StandardCharsets.UTF_8.name());
        }
        return address;
    }

    /** Keeps the Message-ID given, where saveChanges would make a new one on every attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
