package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.intake.FormBody;
import io.lintas.intake.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhpBracketsTest {

    /** Contract A6, the raw body on the wire. */
    static final String EVENT = "event=ONCRMLEADADD&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=1000983&ts=1766047124"
            + "&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F"
            + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D=d897063e1ce7c5eb9f04b9751eef5915"
            + "&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas";

    @Test
    void theContractsEventBodyNestsAsBitrix24MeantIt() {
        Map<String, Object> tree = PhpBrackets.parse(FormBody.decode(new InboundRequest("/", "application/x-www-form-urlencoded",
                Map.of(), Map.of(), EVENT.getBytes(StandardCharsets.UTF_8)), Set.of(FormBody.Type.URLENCODED)));

        assertThat(PhpBrackets.text(tree, "event")).isEqualTo("ONCRMLEADADD");
        assertThat(PhpBrackets.text(tree, "event_handler_id")).isEqualTo("975");
        assertThat(PhpBrackets.text(tree, "data", "FIELDS", "ID")).isEqualTo("1000983");
        assertThat(PhpBrackets.text(tree, "ts")).isEqualTo("1766047124");
        assertThat(PhpBrackets.map(tree, "auth")).containsExactly(
                Map.entry("domain", "some-domain.bitrix24.com"),
                Map.entry("client_endpoint", "https://some-domain.bitrix24.com/rest/"),
                Map.entry("server_endpoint", "https://oauth.bitrix.info/rest/"),
                Map.entry("member_id", "d897063e1ce7c5eb9f04b9751eef5915"),
                Map.entry("application_token", "jvh9y1ulvt2m6k5or90v9mg8nn32ozas"));
    }

    @Test
    void emptyBracketsAppendAtTheNextIndex() { // values of one name in order; names in the order first given
        Map<String, Object> tree = PhpBrackets.parse(fields("a[]", "x", "a[]", "y"));
        assertThat(PhpBrackets.map(tree, "a")).containsExactly(Map.entry("0", "x"), Map.entry("1", "y"));
        tree = PhpBrackets.parse(fields("a[5]", "z", "a[]", "w", "a[name]", "n", "a[]", "v"));
        assertThat(PhpBrackets.map(tree, "a")).containsExactly(
                Map.entry("5", "z"), Map.entry("6", "w"), Map.entry("7", "v"), Map.entry("name", "n"));
    }

    @Test
    void multifieldsNestThreeDeep() {
        Map<String, Object> tree = PhpBrackets.parse(fields("fields[PHONE][0][VALUE]", "112233",
                "fields[PHONE][0][VALUE_TYPE]", "WORK", "fields[PHONE][1][VALUE]", "555888112"));
        assertThat(PhpBrackets.text(tree, "fields", "PHONE", "0", "VALUE_TYPE")).isEqualTo("WORK");
        assertThat(PhpBrackets.text(tree, "fields", "PHONE", "1", "VALUE")).isEqualTo("555888112");
    }

    @Test
    void aLaterValueWinsAndScalarsAndMapsReplaceEachOther() {
        Map<String, Object> tree = PhpBrackets.parse(fields("ts", "1", "ts", "2", "a", "flat", "a[b]", "nested"));
        assertThat(PhpBrackets.text(tree, "ts")).isEqualTo("2");
        assertThat(PhpBrackets.text(tree, "a", "b")).isEqualTo("nested");
        tree = PhpBrackets.parse(fields("a[b]", "nested", "a", "flat"));
        assertThat(PhpBrackets.text(tree, "a")).isEqualTo("flat");
    }

    @Test
    void malformedNamesStayWholeAndVisible() {
        assertThat(PhpBrackets.path("a[b")).containsExactly("a[b");
        assertThat(PhpBrackets.path("[x]")).containsExactly("[x]");
        assertThat(PhpBrackets.path("plain")).containsExactly("plain");
        assertThat(PhpBrackets.path("a[b]tail")).containsExactly("a", "b");
        assertThat(PhpBrackets.path("a[b][c]")).containsExactly("a", "b", "c");
        assertThat(PhpBrackets.path("a" + "[x]".repeat(40))).hasSize(1);
    }

    @Test
    void lookupsOfMissingOrWrongShapedPathsAreEmpty() {
        Map<String, Object> tree = PhpBrackets.parse(fields("auth[domain]", "x"));
        assertThat(PhpBrackets.text(tree, "auth")).isNull();
        assertThat(PhpBrackets.text(tree, "auth", "domain", "deeper")).isNull();
        assertThat(PhpBrackets.text(tree, "nothing", "here")).isNull();
        assertThat(PhpBrackets.map(tree, "auth", "domain")).isEmpty();
    }

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return fields;
    }
}
