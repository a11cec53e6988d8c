package io.lintas.intake;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.lintas.intake.MailMessageReader.Address;
import io.lintas.intake.MailMessageReader.Attachment;
import io.lintas.intake.MailMessageReader.ReadMail;
import io.lintas.lead.Channel;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.lead.RawLead;
import io.lintas.lead.Redaction;
import io.lintas.tenant.MailboxConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Email intake: one mail of a tenant's mailbox becomes an intake envelope. Reply-To (else From) is
 * the contact, its display name the contact name, the subject goes to attribute {@value #SUBJECT},
 * the body (quoted history cut off) is the message, phone numbers in it are the phones. Auto-replies,
 * bulk mail, bounces and the tenant's own mail are recorded as skipped with the reason; a mail that
 * cannot be read at all is too, so it is never read again and again. Attachments go to the
 * {@link AttachmentStore}; the lead lists them by reference in numbered attributes
 * ({@code attachment_1_name}, {@code _type}, {@code _size}, {@code _ref}, or {@code _skipped} when over
 * the mailbox's size cap).
 */
public class EmailIntake {

    public static final String SOURCE = "email";
    public static final String CONTENT_TYPE = "message/rfc822";
    public static final String SUBJECT = "subject";
    public static final String RAW_TRUNCATED = "raw_truncated";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Free text is scanned for phone numbers up to this many characters. */
    private static final int MAX_SCAN = 20_000;
    private static final int MAX_PHONES = 10;

    private final TenantRegistry tenants;
    private final LeadNormalizer normalizer;
    private final AttachmentStore attachments;
    private final Clock clock;
    private final Supplier<String> ids;
    private final int maxRawBytes;
    private final Reader reader;

    /** Reads one raw mail; {@link MailMessageReader#read} outside tests. */
    interface Reader {
        ReadMail read(byte[] raw, long maxAttachmentBytes) throws Exception;
    }

    /**
     * @param maxRawBytes the envelope keeps at most this many bytes of the raw mail; attachments are kept
     *                    by reference, so what is cut off is only attachment data (or a very long body)
     */
    public EmailIntake(TenantRegistry tenants, LeadNormalizer normalizer, AttachmentStore attachments, Clock clock,
            Supplier<String> ids, int maxRawBytes) {
        this(tenants, normalizer, attachments, clock, ids, maxRawBytes, MailMessageReader::read);
    }

    EmailIntake(TenantRegistry tenants, LeadNormalizer normalizer, AttachmentStore attachments, Clock clock,
            Supplier<String> ids, int maxRawBytes, Reader reader) {
        this.reader = reader;
        this.tenants = tenants;
        this.normalizer = normalizer;
        this.attachments = attachments;
        this.clock = clock;
        this.ids = ids;
        this.maxRawBytes = maxRawBytes;
    }

    /**
     * What to put on the intake queue.
     *
     * @param envelope the intake envelope
     * @param group    the queue message group (tenant and a hash of the sender), as for web forms
     */
    public record Accepted(IntakeEnvelope envelope, String group) {
    }

    /**
     * @throws UnknownMailbox when the tenant or mailbox is no longer configured (the mail stays unread)
     */
    public Accepted receive(String tenantId, String mailboxId, byte[] raw) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new UnknownMailbox(tenantId, mailboxId));
        MailboxConfig mailbox = tenant.mailboxes().stream().filter(m -> m.id().equals(mailboxId)).findFirst()
                .orElseThrow(() -> new UnknownMailbox(tenantId, mailboxId));
        String id = ids.get();
        Instant now = clock.instant();
        Map<String, String> attributes = new LinkedHashMap<>();
        byte[] payload = bounded(raw, attributes);

        ReadMail mail;
        try {
            mail = reader.read(raw, mailbox.maxAttachmentBytes());
        } catch (Exception | StackOverflowError unreadable) {
            String reason = "unreadable mail: " + unreadable.getClass().getSimpleName()
                    + (unreadable.getMessage() == null ? "" : ": " + Redaction.mask(oneLine(unreadable.getMessage())));
            RawLead nothing = new RawLead(null, null, null, List.of(), List.of(), null, null, Map.of(), null, attributes);
            IntakeEnvelope envelope = new IntakeEnvelope(id, tenant.id(), Channel.EMAIL, SOURCE, mailbox.id(),
                    MailMessageReader.rawKey(raw), now, nothing, null, CONTENT_TYPE, payload, List.of(), null, reason);
            return new Accepted(envelope, tenant.id());
        }

        String skipReason = AutomaticMail.skipReason(mail, mailbox);
        Address sender = mail.sender();
        String message = QuotedHistory.strip(mail.body());
        putIfPresent(attributes, SUBJECT, mail.subject());
        if (mail.sentAt() != null) {
            attributes.put("mail_date", mail.sentAt().toInstant().toString());
        }
        if (mail.from() != null && sender != null && !mail.from().email().equalsIgnoreCase(sender.email())) {
            attributes.put("mail_from", mail.from().email());
        }
        if (mail.htmlOnly()) {
            attributes.put("body_format", "html");
        }
        if (!mail.problems().isEmpty()) {
            attributes.put("mail_problems", String.join("; ", mail.problems()));
        }
        if (skipReason == null) {
            listAttachments(tenant.id(), mail.attachments(), mailbox.maxAttachmentBytes(), attributes);
        } else if (!mail.attachments().isEmpty()) {
            attributes.put("attachments_not_kept", Integer.toString(mail.attachments().size()));
        }

        RawLead rawLead = new RawLead(sender == null ? null : mail.senderName(), null, null,
                skipReason == null ? phonesIn(message, tenant.region()) : List.of(),
                sender == null ? List.of() : List.of(sender.email()), null, message, Map.of(), null, attributes);
        IntakeEnvelope envelope = new IntakeEnvelope(id, tenant.id(), Channel.EMAIL, SOURCE, mailbox.id(),
                mail.messageId(), now, rawLead, null, CONTENT_TYPE, payload, mail.relatesTo(), null, skipReason);
        String group = tenant.id();
        if (skipReason == null) {
            Lead lead = normalizer.normalize(new LeadOrigin(id, tenant.id(), Channel.EMAIL, SOURCE, mail.messageId(), now,
                    null), rawLead, tenant.region());
            group = FormIntake.group(lead);
        }
        return new Accepted(envelope, group);
    }

    /** Stores what fits under the cap and lists every attachment in the attributes. */
    private void listAttachments(String tenant, List<Attachment> found, long cap, Map<String, String> attributes) {
        int n = 0;
        for (Attachment a : found) {
            String prefix = "attachment_" + (++n) + "_";
            attributes.put(prefix + "name", a.name());
            attributes.put(prefix + "type", a.contentType());
            attributes.put(prefix + "size", Long.toString(a.size()));
            if (a.overCap()) {
                attributes.put(prefix + "skipped", "larger than the mailbox's " + cap + "-byte attachment cap");
            } else {
                attributes.put(prefix + "ref", attachments.store(tenant, MailMessageReader.sha256(a.content()),
                        a.contentType(), a.content()));
            }
        }
        if (n > 0) {
            attributes.put("attachments", Integer.toString(n));
        }
    }

    /** Phone numbers as written in the text, found with libphonenumber in the tenant's region. */
    static List<String> phonesIn(String text, String region) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        String scanned = text.length() > MAX_SCAN ? text.substring(0, MAX_SCAN) : text;
        for (PhoneNumberMatch match : PHONES.findNumbers(scanned, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT),
                PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            found.add(match.rawString());
            if (found.size() >= MAX_PHONES) {
                break;
            }
        }
        return new ArrayList<>(found);
    }

    private byte[] bounded(byte[] raw, Map<String, String> attributes) {
        if (raw.length <= maxRawBytes) {
            return raw;
        }
        attributes.put(RAW_TRUNCATED, "first " + maxRawBytes + " of " + raw.length + " bytes kept");
        return Arrays.copyOf(raw, maxRawBytes);
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
        }
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** The mailbox was removed or renamed while its consumer was still polling. */
    public static class UnknownMailbox extends RuntimeException {
        public UnknownMailbox(String tenant, String mailbox) {
            super("mailbox '" + mailbox + "' of tenant '" + tenant + "' is not configured");
        }
    }
}
