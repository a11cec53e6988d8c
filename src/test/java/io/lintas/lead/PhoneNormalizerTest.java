package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

class PhoneNormalizerTest {

    private static final String ID_MOBILE = "+6281234567890";
    private static final String ID_MOBILE_2 = "+6281312345678";
    private static final String RU_MOBILE = "+79123456789";

    @Test
    void fixtureNumbersAreValidForLibphonenumberItself() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String n : List.of(ID_MOBILE, ID_MOBILE_2, RU_MOBILE, "+62211234567", "+74951234567")) {
            assertThat(util.isValidNumber(util.parse(n, "ZZ"))).as(n).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0812-3456-7890",
            "081234567890",
            "0812 3456 7890",
            "0812.3456.7890",
            "(0812) 3456 7890",
            "(0812)-3456-7890",
            "+62 812 3456 7890",
            "+62-812-3456-7890",
            "+62 (0) 812 3456 7890",
            "+6281234567890",
            "6281234567890",
            "62 812 3456 7890",
            "  0812-3456-7890  ",
            "tel: 0812-3456-7890",
            "Tel.: +62 812 3456 7890",
            "tel:+6281234567890",
            "WA 0812 3456 7890",
            "WA: 0812-3456-7890 (Budi)",
            "HP/WA 0812 3456 7890 aktif 24 jam",
            "0812-3456-7890.",
            "0812\u00A03456\u00A07890",
            "0812\t3456\t7890",
            "0812_3456_7890",
    })
    void indonesianFormats(String raw) {
        assertThat(PhoneNormalizer.toE164(raw, "ID")).contains(ID_MOBILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8 (912) 345-67-89",
            "8(912)345-67-89",
            "8-912-345-67-89",
            "89123456789",
            "8 912 345 67 89",
            "+7 912 345 67 89",
            "+7 (912) 345-67-89",
            "+7-912-345-67-89",
            "+79123456789",
            "79123456789",
            "7 912 345 67 89",
            "9123456789",
            "(912) 345-67-89",
            "тел.: 8 (912) 345-67-89",
            "моб. +7 912 345-67-89 (Иван)",
            "WhatsApp +7 912 345 67 89",
            "+7 912 345 67 89 ext 123",
            "+7 912 345 67 89 доб. 123",
            "+7.912.345.67.89",
    })
    void russianFormats(String raw) {
        assertThat(PhoneNormalizer.toE164(raw, "RU")).contains(RU_MOBILE);
    }

    @Test
    void landlinesAreAcceptedToo() {
        assertThat(PhoneNormalizer.toE164("021-1234567", "ID")).contains("+62211234567");
        assertThat(PhoneNormalizer.toE164("8 (495) 123-45-67", "RU")).contains("+74951234567");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "12345",
            "0812",
            "+62 812 3456 78901234",
            "+7 912 345 67 8",
            "no phone",
            "tel:",
            "+0 812 3456 7890",
            "0000000000",
    })
    void invalidNumbersGiveNothing(String raw) {
        assertThat(PhoneNormalizer.toE164(raw, "ID")).isEmpty();
        assertThat(PhoneNormalizer.toE164(raw, "RU")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 (912) 345-67-8", "8 (912) 345-67-899", "912 345", "+7 012 345 67 89"})
    void invalidRussianNumbersGiveNothing(String raw) {
        assertThat(PhoneNormalizer.toE164(raw, "RU")).isEmpty();
    }

    @Test
    void theDefaultRegionDecidesNumbersWithoutCountryCode() {
        // a Russian "8 9xx" number is also a valid Indonesian 089x mobile without its trunk 0
        assertThat(PhoneNormalizer.toE164("8 (912) 345-67-89", "ID")).contains("+6289123456789");
        assertThat(PhoneNormalizer.toE164("8 (495) 123-45-67", "ID")).isEmpty();
        assertThat(PhoneNormalizer.toE164("0812-3456-7890", "RU")).isEmpty();
        assertThat(PhoneNormalizer.toE164("0812-3456-7890", "id")).contains(ID_MOBILE);
    }

    @Test
    void withoutRegionOnlyInternationalNumbersAreUnderstood() {
        assertThat(PhoneNormalizer.toE164("+7 912 345 67 89", null)).contains(RU_MOBILE);
        assertThat(PhoneNormalizer.toE164("+62 812 3456 7890", " ")).contains(ID_MOBILE);
        assertThat(PhoneNormalizer.toE164("0812-3456-7890", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0812-3456-7890 / 0813-1234-5678",
            "0812-3456-7890, 0813-1234-5678",
            "0812-3456-7890; 0813-1234-5678",
            "0812-3456-7890|0813-1234-5678",
            "0812-3456-7890\n0813-1234-5678",
            "0812 3456 7890 atau 0813 1234 5678",
            "+62 812 3456 7890 / 0813.1234.5678 / 0812-3456-7890",
    })
    void aFieldWithTwoNumbersGivesBoth(String raw) {
        assertThat(PhoneNormalizer.splitAndNormalize(raw, "ID")).containsExactly(ID_MOBILE, ID_MOBILE_2);
    }

    @Test
    void aNewlineSeparatesNumbers() {
        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parse("0812\n3456 7890", "ID");

        assertThat(parsed.valid()).isEmpty();
        assertThat(parsed.invalid()).containsExactly("0812", "3456 7890");
    }

    @Test
    void invalidPartsAreReportedAsTyped() {
        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parse(" 0812-3456-7890 / 12345 ;  call me\u0007 later ", "ID");

        assertThat(parsed.valid()).containsExactly(ID_MOBILE);
        assertThat(parsed.invalid()).containsExactly("12345", "call me later");
    }

    @Test
    void digitsLeftBesidesAValidNumberAreKeptAsInvalid() {
        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parse("0812-3456-7890 or 555", "ID");

        assertThat(parsed.valid()).containsExactly(ID_MOBILE);
        assertThat(parsed.invalid()).containsExactly("0812-3456-7890 or 555");
    }

    @Test
    void extensionsAreReported() {
        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parse("+7 912 345 67 89 доб. 123", "RU");

        assertThat(parsed.valid()).containsExactly(RU_MOBILE);
        assertThat(parsed.extensions()).containsEntry(RU_MOBILE, "123").hasSize(1);
        assertThat(parsed.invalid()).isEmpty();
    }

    @Test
    void severalFieldsAreDeduplicatedInOrder() {
        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parseAll(
                List.of("0813-1234-5678", "+62 812 3456 7890", "6281312345678", "x", "x"), "ID");

        assertThat(parsed.valid()).containsExactly(ID_MOBILE_2, ID_MOBILE);
        assertThat(parsed.invalid()).containsExactly("x");
    }

    @Test
    void hostileLongInputIsCappedNotFatal() {
        String raw = "0812-3456-7890 " + "9".repeat(1_000_000);

        PhoneNormalizer.Parsed parsed = PhoneNormalizer.parse(raw, "ID");

        assertThat(parsed.invalid()).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(PhoneNormalizer.MAX_INVALID));
    }

    @Test
    void extractsNumbersFromAnIndonesianSignature() {
        String signature = """
                Terima kasih,

                Budi Santoso
                Sales Manager, PT Maju Jaya
                Kantor: +62 21 1234567 | HP/WA: 0812-3456-7890
                Invoice 2024/05/123456 tanggal 01-05-2024
                """;

        assertThat(PhoneNormalizer.extractAll(signature, "ID")).containsExactly("+62211234567", ID_MOBILE);
    }

    @Test
    void extractsNumbersFromARussianSignature() {
        String signature = """
                С уважением,
                Иван Иванов
                ООО «Ромашка», ИНН 7701234567
                тел.: 8 (495) 123-45-67, моб. +7 912 345-67-89
                моб. 8-912-345-67-89 (дубль)
                """;

        assertThat(PhoneNormalizer.extractAll(signature, "RU")).containsExactly("+74951234567", RU_MOBILE);
    }

    @Test
    void extractFromTextWithoutNumbersIsEmpty() {
        assertThat(PhoneNormalizer.extractAll("Call me tomorrow at 10, room 12", "ID")).isEmpty();
        assertThat(PhoneNormalizer.extractAll(null, "ID")).isEmpty();
    }
}
