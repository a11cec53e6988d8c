package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingConfigTest {

    static BillingConfig.Model model(String provider) {
        BillingConfig.Model m = new BillingConfig.Model();
        m.provider = provider;
        m.baseUrl = "https://api.example.com/";
        m.secretKey = "secret-key-value";
        m.callbackToken = "callback-token-value";
        m.webhookSecret = "whsec_value";
        m.banks = List.of("bca", "Mandiri");
        return m;
    }

    @Test
    void aGoodSectionIsBuiltWithDefaults() {
        List<String> problems = new ArrayList<>();
        BillingConfig c = BillingConfig.check(model("Xendit"), "tenant 'acme'", s -> s, problems);
        assertThat(problems).isEmpty();
        assertThat(c.provider()).isEqualTo("xendit");
        assertThat(c.baseUrl()).isEqualTo("https://api.example.com");
        assertThat(c.banks()).containsExactly("BCA", "MANDIRI");
        assertThat(c.primaryBank()).isEqualTo("BCA");
        assertThat(c.dueDays()).isEqualTo(3);
        assertThat(c.reminderDays()).isEqualTo(1);
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.fixedVa()).isFalse();
    }

    @Test
    void aFixedVaPerCustomerIsXenditsOnly() {
        BillingConfig.Model xendit = model("xendit");
        xendit.fixedVa = true;
        List<String> problems = new ArrayList<>();
        assertThat(BillingConfig.check(xendit, "tenant 'acme'", s -> s, problems).fixedVa()).isTrue();
        assertThat(problems).isEmpty();
        BillingConfig.Model midtrans = model("midtrans");
        midtrans.fixedVa = true;
        BillingConfig.check(midtrans, "tenant 'x'", s -> s, problems);
        assertThat(problems).singleElement().asString().contains("fixed-va", "Xendit's", "midtrans has none");
    }

    @Test
    void problemsAreNamed() {
        BillingConfig.Model m = model("paypal");
        m.banks = List.of("HSBC");
        m.dueDays = 0;
        m.language = "fr";
        m.timeout = "soon";
        List<String> problems = new ArrayList<>();
        assertThat(BillingConfig.check(m, "tenant 'acme'", s -> s, problems)).isNull();
        assertThat(String.join("\n", problems)).contains("provider must be xendit, midtrans or stripe", "bank 'HSBC'",
                "due-days", "language", "timeout");
        BillingConfig.Model stripe = model("stripe");
        stripe.webhookSecret = "not-whsec";
        List<String> more = new ArrayList<>();
        BillingConfig.check(stripe, "tenant 'x'", s -> s, more);
        assertThat(more).singleElement().asString().contains("webhook-secret");
    }

    @Test
    void secretsNeverShowInToString() {
        BillingConfig c = BillingConfig.check(model("xendit"), "t", s -> s, new ArrayList<>());
        assertThat(c.toString()).doesNotContain("secret-key-value", "callback-token-value", "whsec_value");
    }
}
