package io.lintas.intake;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one mail from its raw RFC 5322 bytes: identity headers (RFC 2047 decoded), the body as text
 * (text/plain preferred; HTML turned into text when it is the only body; multipart/alternative and
 * nested multiparts; any charset Java knows, quoted-printable and base64) and the attachments, each
 * kept only up to a size cap.
 */
public final class MailMessageReader {

    /** Message-IDs longer than the ledger's key column are replaced by their hash. */
    static final int MAX_ID = 255;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=");
    private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>\"',;:()]+@[^\\s<>\"',;:()]+");
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_FILENAME = 200;
    private static final int MAX_DEPTH = 20;

    private MailMessageReader() {
    }

    /** An address and its display name (decoded), either may be null. */
    public record Address(String email, String name) {

        public String domain() {
            int at = email == null ? -1 : email.lastIndexOf('@');
            return at < 0 ? null : email.substring(at + 1);
        }

        public String localPart() {
            int at = email == null ? -1 : email.lastIndexOf('@');
            return at < 0 ? email : email.substring(0, at);
        }
    }

    /**
     * One attachment.
     *
     * @param name        file name as the sender gave it (decoded, path parts removed), or a made-up one
     * @param contentType base MIME type, lower case
     * @param size        decoded size in bytes
     * @param content     the decoded bytes, or null when larger than the cap
     */
    public record Attachment(String name, String contentType, long size, byte[] content) {

        public boolean overCap() {
            return content == null;
        }
    }

    /**
     * What a mail says.
     *
     * @param messageId   the Message-ID with its angle brackets, or "sha256:…" of the raw bytes when it has
     *                    none (or one longer than {@value #MAX_ID} characters): the idempotency key
     * @param relatesTo   ids from In-Reply-To, then References (newest first), keyed like messageId
     * @param from        the first From address
     * @param replyTo     the first Reply-To address, or null
     * @param subject     the decoded Subject, or null
     * @param body        the body as text, or null
     * @param htmlOnly    true when the body was HTML turned into text
     * @param sentAt      the Date header, or null
     * @param headers     every header by lower-case name, raw values in order
     * @param contentType the top-level Content-Type, lower case
     * @param attachments the attachments, in order
     * @param problems    what could not be read cleanly (an unknown charset, a broken part), for the record
     */
    public record ReadMail(
            String messageId,
            List<String> relatesTo,
            Address from,
            Address replyTo,
            String subject,
            String body,
            boolean htmlOnly,
            Date sentAt,
            Map<String, List<String>> headers,
            String contentType,
            List<Attachment> attachments,
            List<String> problems) {

        /** Who to answer: Reply-To, else From. */
        public Address sender() {
            return replyTo != null && replyTo.email() != null ? replyTo : from;
        }

        /** The display name: of the sender, else of From. */
        public String senderName() {
            Address sender = sender();
            if (sender != null && sender.name() != null) {
                return sender.name();
            }
            return from == null ? null : from.name();
        }

        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String firstHeader(String name) {
            List<String> values = header(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * @param raw                the mail as received
     * @param maxAttachmentBytes attachments larger than this are listed without their content
     * @throws MessagingException when the bytes are not a mail at all
     */
    public static ReadMail read(byte[] raw, long maxAttachmentBytes) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> headers = headers(message);

        String messageId = key(first(headers, "message-id"), raw);
        LinkedHashSet<String> relatesTo = new LinkedHashSet<>(ids(first(headers, "in-reply-to")));
        List<String> references = ids(String.join(" ", headers.getOrDefault("references", List.of())));
        for (int i = references.size() - 1; i >= 0; i--) {
            relatesTo.add(references.get(i));
        }
        relatesTo.remove(messageId);

        Address from = address(first(headers, "from"));
        Address replyTo = address(first(headers, "reply-to"));
        String subject = decodeHeader(first(headers, "subject"));
        Date sentAt = null;
        try {
            sentAt = message.getSentDate();
        } catch (MessagingException e) {
            problems.add("unreadable Date header");
        }
        String contentType = baseType(message, problems);

        Walk walk = new Walk(maxAttachmentBytes, problems);
        Chosen body = walk.findBody(message, 0);
        walk.collectAttachments(message, body == null ? null : body.part(), 0);
        String text = null;
        boolean htmlOnly = false;
        if (body != null) {
            String decoded = decodeText(body.part(), body.html(), problems);
            htmlOnly = body.html();
            decoded = decoded.replace("\r\n", "\n").replace('\r', '\n');
            text = htmlOnly ? HtmlText.toText(decoded) : decoded;
        }
        return new ReadMail(messageId, List.copyOf(relatesTo), from, replyTo, subject, text, htmlOnly, sentAt,
                headers, contentType, walk.attachments, List.copyOf(new LinkedHashSet<>(problems)));
    }

    /** The key of an unreadable mail: the hash of its bytes, so reading it again gives the same key. */
    public static String rawKey(byte[] raw) {
        return "sha256:" + sha256(raw);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    // --- headers ------------------------------------------------------------------------------

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue() == null ? "" : fixUtf8(MimeUtility.unfold(h.getValue())).strip());
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** RFC 2047 encoded-words decoded; raw 8-bit UTF-8 (which some mailers send) read as UTF-8. */
    static String decodeHeader(String value) {
        if (value == null) {
            return null;
        }
        String decoded = value.contains("=?") ? decodeEncodedWords(value) : value;
        decoded = decoded.strip();
        return decoded.isEmpty() ? null : decoded;
    }

    /**
     * RFC 2047 encoded-words, also where they are glued to other text ("Re:=?UTF-8?B?...?="), which
     * strict decoding leaves alone but many mailers send; adjacent encoded-words join without the
     * whitespace between them; a word in an unknown charset stays as it is.
     */
    private static String decodeEncodedWords(String value) {
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            String word;
            try {
                word = MimeUtility.decodeWord(m.group());
            } catch (ParseException | UnsupportedEncodingException | RuntimeException e) {
                word = m.group();
            }
            out.append(word);
            last = m.end();
            previousWasWord = true;
        }
        out.append(value.substring(last));
        return out.toString();
    }

    /** Header bytes are read as Latin-1; when they are in fact UTF-8, read them as UTF-8. */
    private static String fixUtf8(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

    static String key(String messageIdHeader, byte[] raw) {
        List<String> ids = ids(messageIdHeader);
        if (ids.isEmpty()) {
            return rawKey(raw);
        }
        return ids.get(0);
    }

    /** Every {@code <id>} in a header, keyed as message ids are. */
    static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find()) {
            String id = m.group();
            ids.add(id.length() > MAX_ID ? "sha256:" + sha256(id.getBytes(StandardCharsets.UTF_8)) : id);
        }
        return ids;
    }

    static Address address(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            for (InternetAddress a : parsed) {
                if (a.getAddress() != null && !a.getAddress().isBlank()) {
                    String name = a.getPersonal() == null || a.getPersonal().isBlank() ? null : decodeHeader(a.getPersonal());
                    return new Address(a.getAddress().strip(), name);
                }
            }
        } catch (AddressException | RuntimeException e) {
            // a sloppy header: fall back to the first thing that looks like an address
        }
        Matcher m = LOOSE_ADDRESS.matcher(header);
        return m.find() ? new Address(m.group(), null) : null;
    }

    private static String baseType(Part part, List<String> problems) {
        try {
            return new ContentType(part.getContentType() == null ? "text/plain" : part.getContentType())
                    .getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            problems.add("unreadable Content-Type");
            return "application/octet-stream";
        }
    }

    // --- body and attachments -----------------------------------------------------------------

    private record Chosen(Part part, boolean html) {
    }

    private static final class Walk {
        private final long cap;
        private final List<String> problems;
        private final List<Attachment> attachments = new ArrayList<>();

        Walk(long cap, List<String> problems) {
            this.cap = cap;
            this.problems = problems;
        }

        /** text/plain preferred; within multipart/alternative the plain alternative wins over HTML. */
        Chosen findBody(Part part, int depth) throws MessagingException {
            if (depth > MAX_DEPTH) {
                return null;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = multipart(part);
                if (multipart == null) {
                    return null;
                }
                Chosen html = null;
                for (int i = 0; i < multipart.getCount(); i++) {
                    Chosen found = findBody(multipart.getBodyPart(i), depth + 1);
                    if (found != null && !found.html()) {
                        return found;
                    }
                    if (found != null && html == null) {
                        html = found;
                    }
                }
                return html;
            }
            if (isAttachment(part)) {
                return null;
            }
            if (part.isMimeType("text/plain")) {
                return new Chosen(part, false);
            }
            if (part.isMimeType("text/html")) {
                return new Chosen(part, true);
            }
            return null;
        }

        void collectAttachments(Part part, Part body, int depth) throws MessagingException {
            if (depth > MAX_DEPTH || part == body) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = multipart(part);
                if (multipart != null) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        collectAttachments(multipart.getBodyPart(i), body, depth + 1);
                    }
                }
                return;
            }
            boolean inlineText = (part.isMimeType("text/plain") || part.isMimeType("text/html")) && !isAttachment(part);
            if (inlineText) {
                return; // an alternative of the body
            }
            add(part);
        }

        private void add(Part part) throws MessagingException {
            String type = baseType(part, problems);
            String name = fileName(part, type);
            try (InputStream in = part.getInputStream()) {
                byte[] head = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 8));
                if (head.length <= cap) {
                    attachments.add(new Attachment(name, type, head.length, head));
                } else {
                    long size = head.length + in.transferTo(java.io.OutputStream.nullOutputStream());
                    attachments.add(new Attachment(name, type, size, null));
                }
            } catch (IOException e) {
                problems.add("attachment " + (attachments.size() + 1) + " unreadable: " + e.getClass().getSimpleName());
            }
        }

        private String fileName(Part part, String type) {
            String name = null;
            try {
                name = part.getFileName();
            } catch (MessagingException | RuntimeException e) {
                problems.add("unreadable attachment file name");
            }
            if (name != null && name.contains("=?")) {
                name = decodeHeader(name);
            }
            if (name != null) {
                name = name.replace('\\', '/');
                name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
                if (name.length() > MAX_FILENAME) {
                    name = name.substring(name.length() - MAX_FILENAME);
                }
            }
            if (name == null || name.isEmpty()) {
                name = "attachment-" + (attachments.size() + 1) + (type.equals("message/rfc822") ? ".eml" : "");
            }
            return name;
        }

        private Multipart multipart(Part part) {
            try {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    multipart.getCount(); // parses it: a missing boundary shows here
                    return multipart;
                }
                problems.add("a " + baseType(part, problems) + " part without parts");
            } catch (IOException | MessagingException e) {
                problems.add("unreadable multipart: " + e.getClass().getSimpleName());
            }
            return null;
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        String disposition;
        try {
            disposition = part.getDisposition();
        } catch (ParseException e) {
            disposition = null;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
            return true;
        }
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
        }
        return name != null && !name.isBlank() && !(part instanceof MimeMessage);
    }

    // --- text decoding ------------------------------------------------------------------------

    /** The part's text in its declared charset; undeclared: UTF-8 when valid, else windows-1252. */
    static String decodeText(Part part, boolean html, List<String> problems) throws MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            problems.add("body transfer encoding broken (" + e.getClass().getSimpleName() + "), read undecoded");
            bytes = rawBytes(part);
        }
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException e) {
            problems.add("unreadable Content-Type of the body");
        }
        if ((declared == null || declared.isBlank()) && html) {
            declared = HtmlText.declaredCharset(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        Charset charset = null;
        if (declared != null && !declared.isBlank()) {
            try {
                charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
            } catch (RuntimeException e) {
                problems.add("unknown charset '" + clip(declared) + "', read as UTF-8 or windows-1252");
            }
        }
        if (charset == null) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, Charset.forName("windows-1252"));
            }
        }
        return new String(bytes, charset);
    }

    private static byte[] rawBytes(Part part) throws MessagingException {
        if (part instanceof jakarta.mail.internet.MimePart mime) {
            try (InputStream in = mime instanceof MimeMessage m ? m.getRawInputStream()
                    : ((jakarta.mail.internet.MimeBodyPart) mime).getRawInputStream()) {
                return in.readAllBytes();
            } catch (IOException | ClassCastException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private static String clip(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "");
        return c.length() > 40 ? c.substring(0, 40) : c;
    }
}
