package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.intake.MailMessageReader.Attachment;
import io.lintas.intake.MailMessageReader.ReadMail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The MIME reader against real-shaped mails in every charset and transfer encoding we meet. */
class MailMessageReaderTest {

    static byte[] fixture(String name) {
        try (InputStream in = MailMessageReaderTest.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReadMail read(String name) throws Exception {
        return MailMessageReader.read(fixture(name), 4096);
    }

    @Test
    void utf8QuotedPrintableWithEncodedSubjectAndName() throws Exception {
        ReadMail mail = read("utf8-quoted-printable.eml");

        assertThat(mail.messageId()).isEqualTo("<CAF3x7qNb5tY8z0@mail.majujaya.co.id>");
        assertThat(mail.subject()).isEqualTo("Permintaan penawaran: paket \"Pro\" — 25 pengguna");
        assertThat(mail.sender().email()).isEqualTo("dewi.sari@majujaya.co.id");
        assertThat(mail.senderName()).isEqualTo("Dewi Kartika Sari — PT Maju Jaya");
        assertThat(mail.body()).contains("Kami tertarik dengan paket layanan \"Pro\" untuk 25 pengguna.")
                .contains("PT Maju Jaya — Pengadaan").contains("HP/WA: 0812-3456-7890");
        assertThat(mail.htmlOnly()).isFalse();
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.sentAt().toInstant().toString()).isEqualTo("2026-11-24T02:14:55Z");
    }

    @Test
    void windows1251Base64() throws Exception {
        ReadMail mail = read("windows-1251-base64.eml");

        assertThat(mail.subject()).isEqualTo("Счёт на лицензии — ООО «Ромашка»");
        assertThat(mail.senderName()).isEqualTo("Смирнов Иван");
        assertThat(mail.body()).contains("Прошу выставить счёт на 3 лицензии и подключение к Битрикс24.")
                .contains("ООО «Ромашка», отдел закупок").contains("Тел.: 8 (912) 345-67-89");
        assertThat(mail.messageId()).isEqualTo("<000a01db3d6f$5e2b1c40$1a8154c0$@romashka.ru>");
    }

    @Test
    void koi8rQuotedPrintable() throws Exception {
        ReadMail mail = read("koi8-r-quoted-printable.eml");

        assertThat(mail.subject()).isEqualTo("Запрос: доставка в Казань");
        assertThat(mail.senderName()).isEqualTo("Ольга Кузнецова");
        assertThat(mail.body()).contains("Интересует доставка в Казань, объём около 2 тонн в месяц.")
                .contains("+7 843 212-34-56");
    }

    @Test
    void iso88591QuotedPrintable() throws Exception {
        ReadMail mail = read("iso-8859-1.eml");

        assertThat(mail.senderName()).isEqualTo("François Müller");
        assertThat(mail.subject()).startsWith("Demande d'offre").endsWith("café");
        assertThat(mail.body()).contains("le café de la résidence Müller").contains("Merci d'appeler François");
    }

    @Test
    void htmlOnlyBecomesReadableText() throws Exception {
        ReadMail mail = read("html-only.eml");

        assertThat(mail.htmlOnly()).isTrue();
        assertThat(mail.body())
                .contains("Hello Acme team,")
                .contains("We need 40 units of the \"Solar Kit\" & installation in Surabaya.\nPlease send a quote.")
                .contains("- Delivery: January\n- Budget: IDR 150 juta")
                .contains("Call me: +62 813-9876-5432")
                .contains("Web: our site (https://surya.example.id/)")
                .contains("Regards,\nBudi Hartono")
                .doesNotContain("<").doesNotContain("alert").doesNotContain("color: #333").doesNotContain("Inquiry");
    }

    @Test
    void nestedMultipartPrefersPlainTextAndListsAttachmentsWithinTheCap() throws Exception {
        ReadMail mail = read("nested-multipart-attachments.eml");

        assertThat(mail.htmlOnly()).isFalse();
        assertThat(mail.body()).startsWith("Hi,\n\nPlease find our requirements attached.").doesNotContain("<p>");
        assertThat(mail.sender().email()).isEqualTo("rina.wulandari@sinar-abadi.co.id");
        assertThat(mail.senderName()).isEqualTo("Rina Wulandari");
        assertThat(mail.from().email()).isEqualTo("no-reply@forms.sinar-abadi.co.id");
        assertThat(mail.attachments()).extracting(Attachment::name, Attachment::contentType, Attachment::size,
                        Attachment::overCap)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("logo.png", "image/png", 70L, false),
                        org.assertj.core.groups.Tuple.tuple("Kebutuhan—spesifikasi.pdf", "application/pdf", 77L, false),
                        org.assertj.core.groups.Tuple.tuple("drawings.zip", "application/zip", 6000L, true));
        assertThat(new String(mail.attachments().get(1).content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        assertThat(mail.attachments().get(2).content()).isNull();
    }

    @Test
    void replyCarriesTheIdsItContinuesNewestFirst() throws Exception {
        ReadMail mail = read("reply.eml");

        assertThat(mail.relatesTo()).containsExactly("<acme-offer-0001@acme.co.id>", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>");
    }

    @Test
    void aMailWithoutMessageIdIsKeyedByTheHashOfItsBytes() throws Exception {
        byte[] raw = "From: a@b.example\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        ReadMail first = MailMessageReader.read(raw, 100);
        ReadMail again = MailMessageReader.read(raw.clone(), 100);

        assertThat(first.messageId()).startsWith("sha256:").hasSize(71).isEqualTo(again.messageId());
    }

    @Test
    void rawUtf8HeadersAndAnUnknownCharsetAreStillRead() throws Exception {
        byte[] raw = ("From: \"Сергей\" <s@b.example>\r\nSubject: Заявка на доставку\r\nMessage-ID: <x@b.example>\r\n"
                + "Content-Type: text/plain; charset=x-unknown-42\r\n\r\nПривет\r\n").getBytes(StandardCharsets.UTF_8);

        ReadMail mail = MailMessageReader.read(raw, 100);

        assertThat(mail.subject()).isEqualTo("Заявка на доставку");
        assertThat(mail.senderName()).isEqualTo("Сергей");
        assertThat(mail.body()).isEqualTo("Привет\n");
        assertThat(mail.problems()).containsExactly("unknown charset 'x-unknown-42', read as UTF-8 or windows-1252");
    }

    @Test
    void aMailThatIsOnlyAFileHasNoBodyAndOneAttachment() throws Exception {
        byte[] raw = ("From: scanner@b.example\r\nMessage-ID: <scan@b.example>\r\nContent-Type: application/pdf; name=scan.pdf\r\n"
                + "Content-Disposition: attachment; filename=scan.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "JVBERi0xLjQK\r\n").getBytes(StandardCharsets.US_ASCII);

        ReadMail mail = MailMessageReader.read(raw, 100);

        assertThat(mail.body()).isNull();
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("scan.pdf");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
        });
    }

    @Test
    void encodedWordsGluedToTextAreDecodedToo() {
        assertThat(MailMessageReader.decodeHeader("Re:=?UTF-8?B?0JfQsNGP0LLQutCw?= =?UTF-8?Q?_=E2=84=961?=!"))
                .isEqualTo("Re:Заявка №1!");
        assertThat(MailMessageReader.decodeHeader("=?koi8-r?B?8NLJ18XU?=")).isEqualTo("Привет");
        assertThat(MailMessageReader.decodeHeader("=?x-nonsense?Q?abc?= plain")).isEqualTo("=?x-nonsense?Q?abc?= plain");
    }

    @Test
    void aVeryLongMessageIdIsHashedToFitTheLedgerKey() throws Exception {
        String longId = "<" + "a".repeat(300) + "@b.example>";
        byte[] raw = ("From: a@b.example\r\nMessage-ID: " + longId + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(MailMessageReader.read(raw, 100).messageId()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void quotedHistoryIsCutOffTheMessage() throws Exception {
        String body = read("reply.eml").body();

        assertThat(QuotedHistory.strip(body))
                .isEqualTo("Terima kasih, penawarannya sudah kami terima. Kami setuju dengan harganya.");
        assertThat(QuotedHistory.strip("Hello\n\n-----Original Message-----\nFrom: x\n")).isEqualTo("Hello");
        assertThat(QuotedHistory.strip("Ok\n\n25.11.2026, 10:00, Иван Петров пишет:\n> текст")).isEqualTo("Ok");
        assertThat(QuotedHistory.strip("> only quoted")).isEqualTo("> only quoted");
        assertThat(QuotedHistory.strip("My boss wrote:\nplease call")).isEqualTo("My boss wrote:\nplease call");
    }

    @Test
    void htmlEntitiesAndNumericReferencesAreDecoded() {
        assertThat(HtmlText.toText("<p>A&amp;B &#8212; &#x41;&lt;&gt; &unknown;</p>")).isEqualTo("A&B — A<> &unknown;");
    }
}
