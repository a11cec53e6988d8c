package io.lintas.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sandbox's mail server: GreenMail SMTP on 127.0.0.1, no TLS, any login accepted, every mail kept in memory
 * and readable at {@code GET /sandbox/mail} (newest last): when it arrived (the server's clock, ms), from, to,
 * subject, Message-ID and the plain-text part. Nothing leaves the machine.
 */
public final class SandboxMail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail greenMail;

    private SandboxMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP on 127.0.0.1:{@code port} (0: a free one). */
    public static SandboxMail start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("SANDBOX: cannot start the SMTP server on 127.0.0.1:" + port
                    + " (" + e.getMessage() + "); set lintas.sandbox.smtp-port to a free port or 0", e);
        }
        return new SandboxMail(greenMail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The mails received so far, oldest first. */
    public List<StoredMessage> messages() {
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate)).toList();
    }

    /**
     * The listing: {@code {"count":n,"messages":[{receivedAt, receivedAtMillis, from, to, subject, messageId, text}]}}.
     *
     * @param contains only mails whose subject, Message-ID or plain text contains this (null: all)
     * @param summary  leave the text out (the bench reads hundreds)
     */
    public ObjectNode listing(String contains, boolean summary) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = JSON.createArrayNode();
        for (StoredMessage stored : messages()) {
            ObjectNode m = describe(stored, summary && contains == null);
            if (contains == null || (m.path("subject").asText() + "\n" + m.path("messageId").asText() + "\n"
                    + m.path("text").asText()).contains(contains)) {
                if (summary) {
                    m.remove("text");
                }
                list.add(m);
            }
        }
        out.put("count", list.size());
        out.set("messages", list);
        return out;
    }

    private static ObjectNode describe(StoredMessage stored, boolean withoutText) {
        ObjectNode m = JSON.createObjectNode();
        MimeMessage mime = stored.getMimeMessage();
        m.put("receivedAt", stored.getReceivedDate().toInstant().toString());
        m.put("receivedAtMillis", stored.getReceivedDate().getTime());
        try {
            m.put("from", addresses(mime.getFrom()));
            m.put("to", addresses(mime.getRecipients(Message.RecipientType.TO)));
            m.put("subject", mime.getSubject());
            m.put("messageId", mime.getMessageID());
            if (!withoutText) {
                m.put("text", text(mime));
            }
        } catch (MessagingException | IOException e) {
            m.put("error", "unreadable mail: " + e.getMessage());
        }
        return m;
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Address a : addresses) {
            out.append(out.isEmpty() ? "" : ", ").append(a.toString());
        }
        return out.toString();
    }

    /** The first text/plain part (the whole content when the mail is plain text). */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return part.getContentType() != null && part.getContentType().toLowerCase(Locale.ROOT).startsWith("text/")
                ? String.valueOf(part.getContent()) : null;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
