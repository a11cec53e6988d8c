package io.lintas.intake;

import static io.lintas.intake.MailMessageReaderTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.lead.Channel;
import io.lintas.lead.LeadNormalizer;
import io.lintas.tenant.MailboxConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Email intake in plain Java: what becomes a lead, what is skipped and why, attachments by reference. */
class EmailIntakeTest {

    private final Map<String, byte[]> stored = new LinkedHashMap<>();
    private final AttachmentStore store = (tenant, sha, type, content) -> {
        stored.put(tenant + "/" + sha, content);
        return AttachmentStore.REF_PREFIX + sha;
    };
    private final AtomicInteger ids = new AtomicInteger();
    private final EmailIntake intake = new EmailIntake(new TenantRegistry(List.of(
            tenant("acme", "ID"), tenant("rusco", "RU"))), new LeadNormalizer(), store,
            Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC),
            () -> "01JTESTINTAKE" + String.format("%014d", ids.incrementAndGet()), 2048);

    static MailboxConfig mailbox(String id, List<String> ownDomains, long cap) {
        return new MailboxConfig(id, true, "127.0.0.1", 3143, false, "user", "pw", "INBOX", Duration.ofSeconds(1),
                null, ownDomains, cap);
    }

    private static Tenant tenant(String id, String region) {
        return new Tenant(id, id, region, "IDR", ZoneId.of("UTC"), Duration.ofHours(1), Map.of(),
                List.of(mailbox("sales", List.of("acme.co.id", "rusco.ru"), 4096)), null, null, null, null);
    }

    @Test
    void aPlainMailBecomesALeadEnvelope() {
        IntakeEnvelope envelope = intake.receive("acme", "sales", fixture("utf8-quoted-printable.eml")).envelope();

        assertThat(envelope.channel()).isEqualTo(Channel.EMAIL);
        assertThat(envelope.source()).isEqualTo("email");
        assertThat(envelope.endpoint()).isEqualTo("sales");
        assertThat(envelope.sourceEventId()).isEqualTo("<CAF3x7qNb5tY8z0@mail.majujaya.co.id>");
        assertThat(envelope.skipReason()).isNull();
        assertThat(envelope.contentType()).isEqualTo("message/rfc822");
        assertThat(envelope.payload()).isEqualTo(fixture("utf8-quoted-printable.eml"));
        assertThat(envelope.raw().fullName()).isEqualTo("Dewi Kartika Sari — PT Maju Jaya");
        assertThat(envelope.raw().emails()).containsExactly("dewi.sari@majujaya.co.id");
        assertThat(envelope.raw().phones()).containsExactly("0812-3456-7890", "(021) 5550-1234");
        assertThat(envelope.raw().message()).startsWith("Halo tim Acme,").contains("Salam hangat,");
        assertThat(envelope.raw().attributes()).containsEntry("subject", "Permintaan penawaran: paket \"Pro\" — 25 pengguna")
                .containsEntry("mail_date", "2026-11-24T02:14:55Z");
    }

    @Test
    void phonesAreFoundWithTheTenantRegion() {
        IntakeEnvelope envelope = intake.receive("rusco", "sales", fixture("windows-1251-base64.eml")).envelope();

        assertThat(envelope.raw().phones()).containsExactly("8 (912) 345-67-89");
        assertThat(envelope.raw().attributes()).containsEntry("subject", "Счёт на лицензии — ООО «Ромашка»");
    }

    @Test
    void replyToIsTheContactAndAttachmentsAreKeptByReferenceWithinTheCap() {
        IntakeEnvelope envelope = intake.receive("acme", "sales", fixture("nested-multipart-attachments.eml")).envelope();

        assertThat(envelope.raw().emails()).containsExactly("rina.wulandari@sinar-abadi.co.id");
        assertThat(envelope.raw().fullName()).isEqualTo("Rina Wulandari");
        assertThat(envelope.raw().phones()).containsExactly("+62 857-1234-5678");
        Map<String, String> a = envelope.raw().attributes();
        assertThat(a).containsEntry("mail_from", "no-reply@forms.sinar-abadi.co.id")
                .containsEntry("attachments", "3")
                .containsEntry("attachment_2_name", "Kebutuhan—spesifikasi.pdf")
                .containsEntry("attachment_2_type", "application/pdf")
                .containsEntry("attachment_2_size", "77")
                .containsEntry("attachment_3_name", "drawings.zip")
                .containsEntry("attachment_3_size", "6000")
                .containsEntry("attachment_3_skipped", "larger than the mailbox's 4096-byte attachment cap")
                .doesNotContainKey("attachment_3_ref");
        assertThat(a.get("attachment_2_ref")).matches("attachment:[0-9a-f]{64}");
        assertThat(stored).hasSize(2);
        assertThat(stored.get("acme/" + a.get("attachment_2_ref").substring("attachment:".length())))
                .startsWith("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        // the raw mail is larger than the envelope's 2048-byte bound: only its start is kept
        assertThat(envelope.payload()).hasSize(2048);
        assertThat(a).containsEntry("raw_truncated", "first 2048 of " + fixture("nested-multipart-attachments.eml").length
                + " bytes kept");
    }

    @Test
    void aReplyCarriesTheIdsItContinuesAndOnlyTheNewText() {
        IntakeEnvelope envelope = intake.receive("acme", "sales", fixture("reply.eml")).envelope();

        assertThat(envelope.relatesTo()).containsExactly("<acme-offer-0001@acme.co.id>", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>");
        assertThat(envelope.raw().message()).isEqualTo("Terima kasih, penawarannya sudah kami terima. Kami setuju dengan harganya.");
        assertThat(envelope.raw().phones()).as("a number in the quoted history is not the sender's").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "auto-reply.eml|automatic mail: Auto-Submitted: auto-replied",
        "bounce.eml|automatic mail: Auto-Submitted: auto-replied",
        "list-mail.eml|bulk mail: Precedence: list",
        "own-domain.eml|from the tenant's own domain acme.co.id"})
    void mailThatIsNotALeadIsSkippedWithItsReason(String fixture, String reason) {
        IntakeEnvelope envelope = intake.receive("acme", "sales", fixture(fixture)).envelope();

        assertThat(envelope.skipReason()).isEqualTo(reason);
        assertThat(envelope.raw().phones()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted: auto-generated|automatic mail: Auto-Submitted: auto-generated",
        "Auto-Submitted: auto-notified; owner-email=\"x@y.example\"|automatic mail: Auto-Submitted: auto-notified",
        "Precedence: bulk|bulk mail: Precedence: bulk",
        "Precedence: Junk|bulk mail: Precedence: junk",
        "X-Precedence: list|bulk mail: X-Precedence: list",
        "X-Autoreply: yes|auto-reply: X-Autoreply header",
        "X-Autorespond: Out of office|auto-reply: X-Autorespond header",
        "X-Autoreply-From: a@b.example|auto-reply: X-Autoreply-From header",
        "List-Id: <news.example.com>|mailing list: List-ID header",
        "List-Unsubscribe: <mailto:u@example.com>|mailing list: List-Unsubscribe header",
        "List-Post: NO|mailing list: List-Post header",
        "Return-Path: < >|bounce: null sender (Return-Path: <>)",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=x|bounce: delivery status notification (multipart/report)"})
    void everyHeaderRuleOfContractD2(String header, String reason) {
        assertThat(intake.receive("acme", "sales", withHeader(header)).envelope().skipReason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted: no",
        "Auto-Submitted: No (a person wrote this)",
        "X-Auto-Response-Suppress: All",
        "Precedence: first-class",
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=x"})
    void headersThatDoNotMakeMailAutomatic(String header) {
        assertThat(intake.receive("acme", "sales", withHeader(header)).envelope().skipReason()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>|bounce: from MAILER-DAEMON",
        "From: postmaster@example.net|bounce: from POSTMASTER",
        "From: Ops <ops@mail.rusco.ru>|from the tenant's own domain mail.rusco.ru"})
    void senderRules(String from, String reason) {
        byte[] raw = ("Message-ID: <s1@x.example>\r\n" + from + "\r\nSubject: hi\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(intake.receive("acme", "sales", raw).envelope().skipReason()).isEqualTo(reason);
    }

    @Test
    void ownDomainIsJudgedOnTheReplyToAddress() {
        byte[] raw = ("Message-ID: <s2@x.example>\r\nFrom: Website <forms@acme.co.id>\r\n"
                + "Reply-To: Visitor <visitor@gmail.example>\r\nSubject: Form\r\n\r\nCall me\r\n").getBytes(StandardCharsets.UTF_8);

        IntakeEnvelope envelope = intake.receive("acme", "sales", raw).envelope();

        assertThat(envelope.skipReason()).isNull();
        assertThat(envelope.raw().emails()).containsExactly("visitor@gmail.example");
        assertThat(envelope.raw().fullName()).isEqualTo("Visitor");
    }

    @Test
    void aMailWithABrokenStructureIsStillReadAndItsProblemsRecorded() {
        byte[] raw = ("Message-ID: <broken@b.example>\r\nFrom: Ann <ann@b.example>\r\nSubject: Quote\r\n"
                + "Content-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\nno parts at all, call +62 812-3456-7890\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        IntakeEnvelope envelope = intake.receive("acme", "sales", raw).envelope();

        assertThat(envelope.skipReason()).isNull();
        assertThat(envelope.raw().emails()).containsExactly("ann@b.example");
        assertThat(envelope.raw().attributes()).containsEntry("subject", "Quote")
                .containsEntry("mail_problems", "unreadable multipart: ParseException");
    }

    @Test
    void aMailThatCannotBeReadAtAllIsSkippedWithAReasonNotThrown() {
        EmailIntake failing = new EmailIntake(new TenantRegistry(List.of(tenant("acme", "ID"))), new LeadNormalizer(),
                store, Clock.systemUTC(), () -> "01JTESTINTAKE00000000000099", 2048, (raw, cap) -> {
                    throw new jakarta.mail.MessagingException("header line from ann@b.example is broken");
                });
        byte[] raw = "garbage".getBytes(StandardCharsets.US_ASCII);

        IntakeEnvelope envelope = failing.receive("acme", "sales", raw).envelope();

        assertThat(envelope.skipReason()).isEqualTo("unreadable mail: MessagingException: header line from ***@b.example is broken");
        assertThat(envelope.sourceEventId()).isEqualTo(MailMessageReader.rawKey(raw));
        assertThat(envelope.payload()).isEqualTo(raw);
    }

    @Test
    void aMailWithoutSenderIsSkipped() {
        byte[] raw = "Message-ID: <n@x.example>\r\nSubject: ?\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(intake.receive("acme", "sales", raw).envelope().skipReason())
                .isEqualTo("no sender address (neither Reply-To nor From)");
    }

    @Test
    void anUnknownMailboxIsAFailureSoTheMailStaysUnread() {
        assertThatThrownBy(() -> intake.receive("acme", "gone", fixture("reply.eml")))
                .isInstanceOf(EmailIntake.UnknownMailbox.class);
        assertThatThrownBy(() -> intake.receive("nobody", "sales", fixture("reply.eml")))
                .isInstanceOf(EmailIntake.UnknownMailbox.class);
    }

    /** A plain lead mail with one more header on top. */
    private static byte[] withHeader(String header) {
        String base = "From: Ann <ann@customer.example>\r\nMessage-ID: <h@customer.example>\r\nSubject: Quote\r\n";
        if (!header.startsWith("Content-Type")) {
            base += "Content-Type: text/plain; charset=utf-8\r\n";
        }
        return (header + "\r\n" + base + "\r\n"
                + (header.startsWith("Content-Type") ? "--x\r\nContent-Type: text/plain\r\n\r\nHello\r\n--x--\r\n" : "Hello\r\n"))
                .getBytes(StandardCharsets.UTF_8);
    }
}
