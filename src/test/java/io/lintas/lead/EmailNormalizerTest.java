package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

class EmailNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ivan@x.ru                          | ivan@x.ru",
            "'  Ivan@X.RU  '                    | ivan@x.ru",
            "IVAN.IVANOV@MAIL.RU                | ivan.ivanov@mail.ru",
            "mailto:ivan@x.ru                   | ivan@x.ru",
            "MAILTO:Ivan@X.ru?subject=Hello     | ivan@x.ru",
            "<ivan@x.ru>                        | ivan@x.ru",
            "Ivan <IVAN@X.RU>                   | ivan@x.ru",
            "'\"Ivanov, Ivan\" <ivan@x.ru>'     | ivan@x.ru",
            "Budi Santoso <mailto:budi@maju.co.id> | budi@maju.co.id",
            "budi+leads@gmail.com               | budi+leads@gmail.com",
            "o'brien@example.ie                 | o'brien@example.ie",
            "info@пример.рф                     | info@пример.рф",
            "user@xn--e1afmkfd.xn--p1ai         | user@xn--e1afmkfd.xn--p1ai",
            "'ivan@x.ru\u0000'                  | ivan@x.ru",
    })
    void cleansValidAddresses(String raw, String expected) {
        assertThat(EmailNormalizer.normalize(raw)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "ivan",
            "ivan@",
            "@x.ru",
            "ivan@x",
            "ivan@@x.ru",
            "ivan@x@y.ru",
            "iv an@x.ru",
            "ivan@x .ru",
            "ivan@-x.ru",
            "ivan@x-.ru",
            "ivan@x..ru",
            ".ivan@x.ru",
            "ivan.@x.ru",
            "iv..an@x.ru",
            "ivan@x.r",
            "ivan@x.123",
            "Ivan <ivan@x.ru",
            "mailto:",
            "ivan@x.ru, petr@y.ru",
    })
    void rejectsImplausibleAddresses(String raw) {
        assertThat(EmailNormalizer.normalize(raw)).isEmpty();
    }

    @Test
    void rejectsOverlongAddresses() {
        String at254 = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        String at255 = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
        assertThat(at254).hasSize(254);

        assertThat(EmailNormalizer.normalize(at254)).contains(at254);
        assertThat(EmailNormalizer.normalize(at255)).isEmpty();
        assertThat(EmailNormalizer.normalize("a".repeat(65) + "@x.ru")).isEmpty();
        assertThat(EmailNormalizer.normalize("ivan@" + "x".repeat(64) + ".ru")).isEmpty();
    }

    @Test
    void aFieldWithSeveralAddressesGivesEach() {
        EmailNormalizer.Parsed parsed = EmailNormalizer.parseAll(List.of("ivan@x.ru, PETR@y.ru; ivan@x.ru", "nope"));

        assertThat(parsed.valid()).containsExactly("ivan@x.ru", "petr@y.ru");
        assertThat(parsed.invalid()).containsExactly("nope");
    }

    @Test
    void aListWithDisplayNamesIsSplitOnCommas() {
        EmailNormalizer.Parsed parsed = EmailNormalizer.parseAll(List.of("Ivan Ivanov <ivan@x.ru>, Petr <petr@y.ru>"));

        assertThat(parsed.valid()).containsExactly("ivan@x.ru", "petr@y.ru");
        assertThat(parsed.invalid()).isEmpty();
    }

    @Test
    void fieldsAreDeduplicatedAfterCleaning() {
        EmailNormalizer.Parsed parsed = EmailNormalizer.parseAll(List.of("Ivan@X.ru", "mailto:ivan@x.ru", " ", "bad@", "bad@"));

        assertThat(parsed.valid()).containsExactly("ivan@x.ru");
        assertThat(parsed.invalid()).containsExactly("bad@");
    }
}
