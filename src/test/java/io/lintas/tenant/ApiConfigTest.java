package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The api section of a tenant: keys from the environment, never shown, checked in constant time. */
class ApiConfigTest {

    private static final UnaryOperator<String> ENVIRONMENT = Placeholders.from(Map.of("ACME_API_KEY", "acme-s3cret-api-key-0001", "ACME_NEW_KEY", "acme-s3cret-api-key-0002"));

    private static String tenant(String api) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    api:
                """ + api.indent(6);
    }

    @Test
    void keysAreResolvedFromTheEnvironmentAndAnyOfThemOpensTheApi() {
        ApiConfig api = TenantsFile.parse("t", tenant("""
                keys:
                  - ${ACME_API_KEY}
                  - ${ACME_NEW_KEY}
                kafka: true
                """), ENVIRONMENT).get(0).api();

        assertThat(api.takesHttp()).isTrue();
        assertThat(api.kafka()).isTrue();
        assertThat(api.acceptsKey("acme-s3cret-api-key-0001")).isTrue();
        assertThat(api.acceptsKey("acme-s3cret-api-key-0002")).isTrue();
        assertThat(api.acceptsKey("acme-s3cret-api-key-000")).isFalse();
        assertThat(api.acceptsKey(null)).isFalse();
        assertThat(api.toString()).doesNotContain("s3cret").contains("******");
    }

    @Test
    void kafkaIsOffUnlessSaidAndKeysAreOptionalWhenItIsOn() {
        ApiConfig httpOnly = TenantsFile.parse("t", tenant("keys: [acme-literal-key-00001]"), ENVIRONMENT).get(0).api();
        ApiConfig kafkaOnly = TenantsFile.parse("t", tenant("kafka: true"), ENVIRONMENT).get(0).api();

        assertThat(httpOnly.kafka()).isFalse();
        assertThat(kafkaOnly.takesHttp()).isFalse();
        assertThat(kafkaOnly.acceptsKey("")).isFalse();
    }

    @Test
    void anOptionalKeyLeftEmptyIsSkipped() {
        ApiConfig api = TenantsFile.parse("t", tenant("keys: [acme-literal-key-00001, \"\"]"), ENVIRONMENT).get(0).api();

        assertThat(api.keys()).hasSize(1);
        assertThat(api.acceptsKey("")).isFalse();
    }

    @Test
    void shortDuplicateOrMissingKeysAndEmptySectionsAreProblems() {
        assertProblems(tenant("keys: [short]"), "key #1 must be at least 16 characters (got 5)");
        assertProblems(tenant("keys: [acme-literal-key-00001, acme-literal-key-00001]"), "key #2 is listed twice");
        assertProblems(tenant("keys: [\"${NO_SUCH_KEY}\"]"), "NO_SUCH_KEY");
        assertProblems(tenant("kafka: false"), "give keys");
        assertProblems(tenant("key: [acme-literal-key-00001]"), "key");
    }

    private static void assertProblems(String text, String expected) {
        assertThatThrownBy(() -> TenantsFile.parse("t", text, ENVIRONMENT))
                .isInstanceOfSatisfying(InvalidTenantConfiguration.class, e -> {
                    assertThat(e.problems()).singleElement().asString().contains(expected);
                    assertThat(String.join(" ", e.problems())).doesNotContain("acme-literal-key");
                });
    }

    @Test
    void aTenantWithoutTheSectionHasNoApi() {
        assertThat(TenantsFile.parse("t", tenant("").replace("    api:\n", ""), ENVIRONMENT).get(0).api()).isNull();
        assertThat(new ApiConfig(null, false).keys()).isEqualTo(List.of());
    }
}
