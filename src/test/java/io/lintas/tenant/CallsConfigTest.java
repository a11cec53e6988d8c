package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The tenant's calls section: keys, defaults, secrets from the environment, and every problem at once. */
class CallsConfigTest {

    private static final UnaryOperator<String> ENV = text -> text
            .replace("${TWILIO_TOKEN}", "tw-secret-token")
            .replace("${ZADARMA_SECRET}", "zd-secret-value");

    private static String tenant(String calls) {
        return """
                tenants:
                  - id: acme
                    name: Acme
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                    dedupe-window: 24h
                """ + calls.indent(4);
    }

    @Test
    void everyKeyIsRead() {
        Tenant acme = TenantsFile.parse("test", tenant("""
                calls:
                  missed-threshold: 15s
                  repeat-window: 2h
                  twilio:
                    auth-token: ${TWILIO_TOKEN}
                    public-base-url: https://hooks.acme.example/lintas/
                    greeting: Halo
                    forward-to: "+622150001234"
                  zadarma:
                    secret: ${ZADARMA_SECRET}
                  pbx:
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                """), ENV).get(0);

        CallsConfig calls = acme.calls();
        assertThat(calls.missedThreshold()).isEqualTo(Duration.ofSeconds(15));
        assertThat(calls.repeatWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(calls.twilio()).isEqualTo(new CallsConfig.Twilio("tw-secret-token", "https://hooks.acme.example/lintas",
                "Halo", "+622150001234"));
        assertThat(calls.zadarma().secret()).isEqualTo("zd-secret-value");
        assertThat(CallsConfig.whsecKey(calls.pbx().secret())).hasSize(24);
        assertThat(calls.has("twilio")).isTrue();
        assertThat(calls.has("mango")).isFalse();
    }

    @Test
    void defaultsAreTenSecondsAndTheTenantsWindow() {
        CallsConfig calls = TenantsFile.parse("test", tenant("""
                calls:
                  zadarma:
                    secret: zd
                """), ENV).get(0).calls();

        assertThat(calls.missedThreshold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(calls.repeatWindow()).isNull();
        assertThat(calls.twilio()).isNull();
        assertThat(calls.has("zadarma")).isTrue();
    }

    @Test
    void aBareNumberIsSeconds() {
        CallsConfig calls = TenantsFile.parse("test", tenant("""
                calls:
                  missed-threshold: 7
                  pbx:
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                """), ENV).get(0).calls();

        assertThat(calls.missedThreshold()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void everyProblemIsListedAndNoSecretShown() {
        InvalidTenantConfiguration e = catchThrowableOfType(InvalidTenantConfiguration.class, () -> TenantsFile.parse("test",
                tenant("""
                        calls:
                          missed-threshold: soon
                          repeat-window: 0s
                          twilio:
                            public-base-url: ftp://x.example/?a=1
                          zadarma: {}
                          pbx:
                            secret: whsec_c2hvcnQ=
                        """), ENV));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "tenant #1 'acme', calls: missed-threshold must be a duration such as 10s, 2h or PT30M (got soon)",
                "tenant #1 'acme', calls: repeat-window must be longer than zero",
                "tenant #1 'acme', calls, twilio: auth-token is required (the account's Auth Token signs every request)",
                "tenant #1 'acme', calls, twilio: public-base-url must be an absolute http(s) URL without query,"
                        + " e.g. https://hooks.example.com (got ftp://x.example/?a=1)",
                "tenant #1 'acme', calls, zadarma: secret is required (the API secret key signs every notification)",
                "tenant #1 'acme', calls, pbx: secret must be whsec_ followed by base64 of 24 to 64 random bytes");
        assertThat(e.getMessage()).doesNotContain("c2hvcnQ");
    }

    @Test
    void anEmptySectionAndUnknownKeysAreProblems() {
        assertThat(catchThrowableOfType(InvalidTenantConfiguration.class,
                () -> TenantsFile.parse("test", tenant("calls: {}"), ENV)).problems())
                .containsExactly("tenant #1 'acme', calls: configure at least one of twilio, zadarma, pbx");
        assertThat(catchThrowableOfType(InvalidTenantConfiguration.class, () -> TenantsFile.parse("test", tenant("""
                calls:
                  twilio:
                    auth-token: x
                    account-sid: AC1
                """), ENV)).problems()).singleElement().asString().contains("account-sid");
    }

    @Test
    void secretsNeverShowInToString() {
        CallsConfig calls = new CallsConfig(new CallsConfig.Twilio("tw-secret-token", null, null, null),
                new CallsConfig.Zadarma("zd-secret-value"), new CallsConfig.Pbx("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Duration.ofSeconds(10), null);

        assertThat(calls.toString()).doesNotContain("tw-secret-token").doesNotContain("zd-secret-value")
                .doesNotContain("MfKQ9r8");
    }

    @Test
    void theTestAndDemoTenantsParse() throws Exception {
        for (String file : List.of("/tenants-test.yaml", "/tenants.yaml")) {
            try (var in = CallsConfigTest.class.getResourceAsStream(file)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                List<Tenant> tenants = TenantsFile.parse(file, text, t -> new org.springframework.core.env.StandardEnvironment()
                        .resolveRequiredPlaceholders(t));
                assertThat(tenants).as(file).allSatisfy(t -> assertThat(t.calls()).isNotNull());
            }
        }
    }
}
