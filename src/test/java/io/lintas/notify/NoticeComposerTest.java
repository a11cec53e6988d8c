package io.lintas.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.billing.InvoiceNotice;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeComposerTest {

    private final NoticeComposer composer = new NoticeComposer(new NoticeTemplates());

    @Test
    void indonesianEmailHasTheAmountWithoutDecimalsTheDueDateBankVaAndLinkInBothParts() {
        InvoiceNotice notice = Notices.issued("INV1", "id", "IDR", new BigDecimal("150000"));

        NoticeComposer.EmailContent email = composer.email(notice, Notices.tenant("Acme Indonesia", Notices.config("id", null)));

        assertThat(email.subject()).isEqualTo("Tagihan dari Acme Indonesia: Rp150.000, jatuh tempo 1 Desember 2026");
        assertThat(email.text()).startsWith("Yth. Budi Santoso,")
                .contains("Jumlah: Rp150.000\n", "Bank: BCA\n", "Virtual account: " + Notices.VA + "\n",
                        "Bayar online: https://checkout.xendit.co/web/6412abc", "Terima kasih,\nAcme Indonesia");
        assertThat(email.html()).contains("<html lang=\"id\">", "<strong>" + Notices.VA + "</strong>",
                "<a href=\"https://checkout.xendit.co/web/6412abc\">Bayar online</a>", "<strong>Rp150.000</strong>");
    }

    @Test
    void russianEmailFormatsRoublesWithKopecksAndTheRussianDate() {
        InvoiceNotice notice = Notices.issued("INV2", "ru", "RUB", new BigDecimal("15000.5"));

        NoticeComposer.EmailContent email = composer.email(notice, Notices.tenant("Rusco", Notices.config("ru", null)));

        assertThat(email.subject().replace('\u00A0', ' ').replace('\u202F', ' '))
                .isEqualTo("Счёт от Rusco: 15 000,50 ₽, оплатить до 1 декабря 2026 г.");
        assertThat(email.text()).startsWith("Здравствуйте, Budi Santoso!").contains(Notices.VA);
    }

    @Test
    void englishEmailAndMarkupInValuesIsEscapedInHtml() {
        InvoiceNotice notice = Notices.issued("INV3", "en", "IDR", new BigDecimal("1500000"));

        NoticeComposer.EmailContent email = composer.email(notice, Notices.tenant("Acme <Intl> & Co", Notices.config("en", null)));

        assertThat(email.subject()).isEqualTo("Invoice from Acme <Intl> & Co: IDR 1,500,000 due December 1, 2026");
        assertThat(email.html()).contains("Acme &lt;Intl&gt; &amp; Co").doesNotContain("<Intl>");
    }

    @Test
    void aNoticeWithoutALanguageUsesTheTenants() {
        InvoiceNotice notice = Notices.issued("INV4", null, "IDR", new BigDecimal("150000"));

        assertThat(composer.email(notice, Notices.tenant("Rusco", Notices.config("ru", null))).subject()).startsWith("Счёт от Rusco");
    }

    @Test
    void theSmsFitsOneSegmentAndCarriesTheVaNumberInEveryLanguage() {
        for (String lang : new String[] {"id", "ru", "en"}) {
            for (InvoiceNotice.Kind kind : InvoiceNotice.Kind.values()) {
                InvoiceNotice n = Notices.issued("INV5", lang, "ru".equals(lang) ? "RUB" : "IDR", new BigDecimal("12500000"));
                InvoiceNotice notice = new InvoiceNotice(n.noticeId(), n.tenant(), n.invoiceId(), kind, n.customerName(),
                        n.customerEmail(), n.customerPhone(), lang, n.amount(), n.currency(), n.dueDate(), n.bank(), n.vaNumber(),
                        n.paymentLink(), null, "xendit", n.amount());

                String sms = composer.sms(notice, Notices.tenant("PT Acme Indonesia Sejahtera Abadi", Notices.config(lang, null)));

                assertThat(SmsSegments.fitsOne(sms)).as(lang + " " + kind + ": " + sms).isTrue();
                assertThat(sms).as(lang + " " + kind).contains(Notices.VA).doesNotContain("{", "\u00A0", "\u202F");
            }
        }
        String indonesian = composer.sms(Notices.issued("INV6", "id", "IDR", new BigDecimal("150000")),
                Notices.tenant("Acme Indonesia", Notices.config("id", null)));
        assertThat(indonesian).isEqualTo("Acme Indonesia: bayar Rp150.000 sebelum 01.12.2026 ke VA BCA 812785002530231");
        assertThat(SmsSegments.isGsm7(indonesian)).isTrue();
    }

    @Test
    void aLongTenantNameFallsBackToTheShortSms() {
        String longName = "PT " + "Sangat Panjang Sekali ".repeat(6) + "Tbk";
        String sms = composer.sms(Notices.issued("INV7", "id", "IDR", new BigDecimal("150000")),
                Notices.tenant(longName, Notices.config("id", null)));

        assertThat(sms).isEqualTo("Bayar Rp150.000 ke VA BCA 812785002530231");
    }

    @Test
    void aTenantDirectoryOverridesSomeKeysAndTheHtmlLayout(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("messages_en.properties"), "ISSUED.subject=Your {tenant} bill: {amount}\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("email.html"), "<p>{intro}</p><table>{details}</table>", StandardCharsets.UTF_8);
        InvoiceNotice notice = Notices.issued("INV8", "en", "IDR", new BigDecimal("150000"));

        NoticeComposer.EmailContent email = composer.email(notice, Notices.tenant("Acme", Notices.config("en", dir.toString())));

        assertThat(email.subject()).isEqualTo("Your Acme bill: IDR 150,000");
        assertThat(email.text()).startsWith("Dear Budi Santoso,");
        assertThat(email.html()).startsWith("<p>Here is your invoice.").contains(Notices.VA);
    }
}
