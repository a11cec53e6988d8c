package io.lintas.intake;

import static io.lintas.intake.TestRequests.JSON;
import static io.lintas.intake.TestRequests.URLENCODED;
import static io.lintas.intake.TestRequests.fixture;
import static io.lintas.intake.TestRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static final Set<FormBody.Type> ALL = EnumSet.allOf(FormBody.Type.class);
    private static final String MULTIPART = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

    private static Map<String, List<String>> decode(String contentType, String body) {
        return FormBody.decode(post(contentType, body).build(), ALL);
    }

    private static Map<String, List<String>> decode(String contentType, byte[] body) {
        return FormBody.decode(post(contentType, body).build(), ALL);
    }

    private static IntakeRejected rejection(String contentType, byte[] body) {
        Throwable thrown = catchThrowable(() -> decode(contentType, body));
        assertThat(thrown).isInstanceOf(IntakeRejected.class);
        return (IntakeRejected) thrown;
    }

    private static IntakeRejected rejection(String contentType, String body) {
        return rejection(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------ urlencoded

    @Test
    void urlencodedKeepsOrderRepeatedNamesAndPlusAsSpace() {
        Map<String, List<String>> fields = decode(URLENCODED,
                "Name=John+Carter&service=crm&service=billing&note=50%25+off&empty=&flag&=orphan");

        assertThat(fields.keySet()).containsExactly("Name", "service", "note", "empty", "flag");
        assertThat(fields.get("Name")).containsExactly("John Carter");
        assertThat(fields.get("service")).containsExactly("crm", "billing");
        assertThat(fields.get("note")).containsExactly("50% off");
        assertThat(fields.get("empty")).containsExactly("");
        assertThat(fields.get("flag")).containsExactly("");
    }

    @Test
    void urlencodedIsUtf8ByDefaultAndHonoursTheCharsetParameter() {
        assertThat(decode(URLENCODED, "Name=%D0%98%D0%B2%D0%B0%D0%BD").get("Name")).containsExactly("Иван");

        byte[] cp1251 = "Name=%C8%E2%E0%ED".getBytes(StandardCharsets.US_ASCII); // "Иван" in windows-1251
        assertThat(decode(URLENCODED + "; charset=windows-1251", cp1251).get("Name")).containsExactly("Иван");
        assertThat(decode(URLENCODED + "; charset=\"UTF-8\"", "a=%C3%A9").get("a")).containsExactly("é");
    }

    /** Found by IntakeFuzzTest: 1e999999999 written out in full is a billion digits (OutOfMemoryError, a 500). */
    @Test
    void aHugeExponentStaysInExponentNotation() {
        Map<String, List<String>> fields = decode(JSON, "{\"a\":-1e999999999,\"b\":1e2147483647,\"c\":12.50,\"d\":1e3}");

        assertThat(fields.get("a")).containsExactly("-1E+999999999");
        assertThat(fields.get("b")).containsExactly("1E+2147483647");
        assertThat(fields.get("c")).containsExactly("12.50");
        assertThat(fields.get("d")).containsExactly("1000");
    }

    @Test
    void malformedPercentEscapesAreA400WithAReason() {
        for (String body : List.of("name=%ZZ", "name=100%", "name=%4", "na%GGme=x")) {
            IntakeRejected rejected = rejection(URLENCODED, body);
            assertThat(rejected.status()).as(body).isEqualTo(400);
            assertThat(rejected.reason()).contains("%-escape");
        }
    }

    @Test
    void bytesThatAreNotTheDeclaredCharsetAreA400() {
        IntakeRejected rejected = rejection(URLENCODED, "Name=%C8%E2%E0%ED"); // cp1251 sent as if UTF-8
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("UTF-8").contains("charset");
    }

    @Test
    void anUnknownCharsetIs415() {
        assertThat(rejection(URLENCODED + "; charset=klingon-8", "a=b").status()).isEqualTo(415);
    }

    @Test
    void fiveThousandFieldsAre413() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            body.append("f").append(i).append("=x&");
        }
        IntakeRejected rejected = rejection(URLENCODED, body.toString());
        assertThat(rejected.status()).isEqualTo(413);
        assertThat(rejected.reason()).contains("1000");
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < FormBody.MAX_FIELDS; i++) {
            body.append("same=").append(i).append('&');
        }
        assertThat(decode(URLENCODED, body.toString()).get("same")).hasSize(FormBody.MAX_FIELDS);
    }

    @Test
    void aFieldNameOver200CharactersIs422() {
        IntakeRejected rejected = rejection(URLENCODED, "x".repeat(201) + "=1");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.reason()).contains("200");
        assertThat(decode(URLENCODED, "x".repeat(200) + "=1")).containsKey("x".repeat(200));
    }

    // ------------------------------------------------------------ content types

    @Test
    void textPlainIs415() {
        IntakeRejected rejected = rejection("text/plain", "name=John");
        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.reason()).contains("text/plain");
    }

    @Test
    void missingOrOtherContentTypesAre415NamingTheAcceptedTypes() {
        for (String type : new String[] {null, "application/xml", "image/png"}) {
            IntakeRejected rejected = rejection(type, "name=John");
            assertThat(rejected.status()).isEqualTo(415);
            assertThat(rejected.reason())
                    .contains("application/x-www-form-urlencoded", "multipart/form-data", "application/json");
        }
    }

    @Test
    void aTypeTheCallerDoesNotSpeakIs415NamingOnlyWhatItSpeaks() {
        Throwable thrown = catchThrowable(() -> FormBody.decode(post(JSON, "{}").build(),
                EnumSet.of(FormBody.Type.URLENCODED)));
        assertThat(thrown).isInstanceOf(IntakeRejected.class);
        assertThat(((IntakeRejected) thrown).status()).isEqualTo(415);
        assertThat(((IntakeRejected) thrown).reason())
                .contains("application/x-www-form-urlencoded").doesNotContain("multipart");
    }

    // ------------------------------------------------------------ multipart

    @Test
    void multipartRecordsFieldsAndDescribesFilesWithoutTheirContent() {
        Map<String, List<String>> fields = decode(MULTIPART, fixture("html/multipart.bin"));

        assertThat(fields.keySet()).containsExactly("full_name", "email", "phone", "message", "brief", "budget");
        assertThat(fields.get("full_name")).containsExactly("Dewi Lestari");
        assertThat(fields.get("message")).containsExactly("Baris satu\r\nBaris dua");
        assertThat(fields.get("brief")).containsExactly("file:brief Q3.pdf (152 bytes)");
        assertThat(fields.values().toString()).doesNotContain("SECRET-CONTENT");
        assertThat(fields.get("budget")).containsExactly("50-100 juta");
    }

    @Test
    void multipartWithQuotedBoundaryBareLineFeedsAndExtendedFilename() {
        String body = "preamble to ignore\n--abc\nContent-Disposition: form-data; name=\"nama\"\n\nBudi\n"
                + "--abc\nContent-Disposition: form-data; name=\"cv\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\n"
                + "Content-Type: application/pdf\n\n12345\n--abc\nContent-Disposition: form-data\n\nno name\n--abc--\n";
        Map<String, List<String>> fields = decode("multipart/form-data; boundary=\"abc\"", body);

        assertThat(fields.get("nama")).containsExactly("Budi");
        assertThat(fields.get("cv")).containsExactly("file:résumé.pdf (5 bytes)");
        assertThat(fields).hasSize(2);
    }

    @Test
    void multipartWithoutBoundaryIs400() {
        IntakeRejected rejected = rejection("multipart/form-data", fixture("html/multipart.bin"));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("boundary");
    }

    @Test
    void multipartWithAGarbledBoundaryIs400() {
        assertThat(rejection("multipart/form-data; boundary=" + "x".repeat(71), "--x").status()).isEqualTo(400);
        IntakeRejected wrong = rejection("multipart/form-data; boundary=notTheOneInTheBody", fixture("html/multipart.bin"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.reason()).contains("boundary");
    }

    @Test
    void truncatedMultipartIs400() {
        byte[] whole = fixture("html/multipart.bin");
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        IntakeRejected rejected = rejection(MULTIPART, truncated);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("truncated");
    }

    @Test
    void multipartPartWithoutDispositionIs400() {
        String body = "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n";
        assertThat(rejection("multipart/form-data; boundary=b", body).status()).isEqualTo(400);
    }

    @Test
    void multipartCountsFieldsAgainstTheLimit() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        body.append("--b--\r\n");
        assertThat(rejection("multipart/form-data; boundary=b", body.toString()).status()).isEqualTo(413);
    }

    // ------------------------------------------------------------ JSON

    @Test
    void jsonObjectsFlattenWithDottedKeysAndArraysOfScalarsBecomeValues() {
        Map<String, List<String>> fields = decode(JSON + "; charset=UTF-8", """
                {"name": "Иван", "contact": {"phone": "+7 999 123-45-67", "address": {"city": "Казань"}},
                 "services": ["crm", "billing"], "seats": 20, "price": 12.50, "big": 1E+3, "agree": true,
                 "nothing": null, "items": [{"sku": "A1"}, {"sku": "B2"}]}
                """);

        assertThat(fields.get("name")).containsExactly("Иван");
        assertThat(fields.get("contact.phone")).containsExactly("+7 999 123-45-67");
        assertThat(fields.get("contact.address.city")).containsExactly("Казань");
        assertThat(fields.get("services")).containsExactly("crm", "billing");
        assertThat(fields.get("seats")).containsExactly("20");
        assertThat(fields.get("price")).containsExactly("12.50");
        assertThat(fields.get("big")).containsExactly("1000");
        assertThat(fields.get("agree")).containsExactly("true");
        assertThat(fields.get("items.0.sku")).containsExactly("A1");
        assertThat(fields.get("items.1.sku")).containsExactly("B2");
        assertThat(fields).doesNotContainKey("nothing");
    }

    @Test
    void truncatedJsonIs400WithAPositionButNoContent() {
        IntakeRejected rejected = rejection(JSON, "{\"name\": \"Secret Person\", \"phone\": \"+7");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("not valid JSON").contains("line").doesNotContain("Secret");
    }

    @Test
    void jsonThatIsNotAnObjectIs400() {
        for (String body : List.of("[1,2]", "\"text\"", "42", "null", "")) {
            IntakeRejected rejected = rejection(JSON, body);
            assertThat(rejected.status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void jsonWithTooManyFieldsIs413() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        assertThat(rejection(JSON, body.append("}").toString()).status()).isEqualTo(413);
    }

    @Test
    void deeplyNestedJsonIsRejectedNotAStackOverflow() {
        String body = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(rejection(JSON, body).status()).isBetween(400, 499);
    }

    @Test
    void randomGarbageOnlyEverBecomesIntakeRejected() {
        Random random = new Random(20250303);
        String[] types = {URLENCODED, MULTIPART, JSON, "multipart/form-data; boundary=b", URLENCODED + "; charset=latin1"};
        for (int round = 0; round < 2_000; round++) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            if (round % 3 == 0) { // printable noise with the characters parsers care about
                String alphabet = "ab=&%+-\r\n\"{}[]:,;.bB0-9";
                for (int i = 0; i < body.length; i++) {
                    body[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
            String type = types[round % types.length];
            Throwable thrown = catchThrowable(() -> decode(type, body));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(IntakeRejected.class);
                assertThat(((IntakeRejected) thrown).status()).isBetween(400, 499);
            }
        }
    }

    @Test
    void charsetParameterIsCaseInsensitive() {
        assertThat(FormBody.parameter("text/html; Charset=\"ISO-8859-1\"", "charset")).isEqualTo("ISO-8859-1");
        assertThat(Charset.forName(FormBody.parameter("a/b; charset=utf-8", "charset"))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(FormBody.parameter(null, "charset")).isNull();
    }

    @Test
    void rejectionsAreThrownNotReturned() {
        assertThatThrownBy(() -> decode(URLENCODED, "a=%")).isInstanceOf(IntakeRejected.class);
    }
}
