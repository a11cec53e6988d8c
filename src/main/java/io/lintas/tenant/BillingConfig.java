package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A tenant's billing: the one payment provider its invoices are made with, and how its callbacks are verified.
 *
 * @param provider      xendit | midtrans | stripe
 * @param baseUrl       the provider's API base URL (https://api.xendit.co, https://api.sandbox.midtrans.com,
 *                      https://api.stripe.com), or a stand-in's
 * @param secretKey     the API secret key (Xendit secret key, Midtrans server key, Stripe sk_...); a secret.
 *                      Midtrans also signs its notifications with it
 * @param callbackToken Xendit's callback verification token (x-callback-token); a secret
 * @param webhookSecret Stripe's endpoint signing secret (whsec_...); a secret
 * @param banks         the banks offered for a virtual account, first is the one put in the notice
 *                      (Xendit payment_methods / Midtrans bank: BCA, BNI, BRI, PERMATA, MANDIRI)
 * @param dueDays       days from issue to due date
 * @param reminderDays  a REMINDER notice this many days before the due date (0: none)
 * @param language      the customers' default language for notices (id, ru, en)
 * @param timeout       how long a call to the provider may take before its outcome counts as unclear
 * @param invoiceStage  the Bitrix24 deal stage (STAGE_ID) that asks for an invoice, or null
 * @param paidStage     the Bitrix24 deal stage a paid deal is moved to, or null
 * @param leadOrders    true (the default): a lead carrying an order (form or lead API) is invoiced once it is in the CRM
 * @param fixedVa       xendit only: each customer gets one Fixed Virtual Account in the first bank, bound to all
 *                      their invoices (false, the default: the VA Xendit assigns to each invoice)
 */
public record BillingConfig(
        String provider,
        String baseUrl,
        String secretKey,
        String callbackToken,
        String webhookSecret,
        List<String> banks,
        int dueDays,
        int reminderDays,
        String language,
        Duration timeout,
        String invoiceStage,
        String paidStage,
        boolean leadOrders,
        boolean fixedVa) {

    public static final Set<String> PROVIDERS = Set.of("xendit", "midtrans", "stripe");
    static final Set<String> BANKS = Set.of("BCA", "BNI", "BRI", "PERMATA", "MANDIRI");

    public BillingConfig {
        banks = banks == null ? List.of() : List.copyOf(banks);
    }

    /** The bank put first in notices, or null (Stripe). */
    public String primaryBank() {
        return banks.isEmpty() ? null : banks.get(0);
    }

    /** Secrets never appear in logs. */
    @Override
    public String toString() {
        return "BillingConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", secretKey=" + Secrets.mask(secretKey)
                + ", callbackToken=" + Secrets.mask(callbackToken) + ", webhookSecret=" + Secrets.mask(webhookSecret)
                + ", banks=" + banks + ", dueDays=" + dueDays + ", reminderDays=" + reminderDays + ", language="
                + language + ", timeout=" + timeout + ", invoiceStage=" + invoiceStage + ", paidStage=" + paidStage
                + ", leadOrders=" + leadOrders + ", fixedVa=" + fixedVa + "]";
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        public String provider;
        @JsonProperty("base-url")
        public String baseUrl;
        @JsonProperty("secret-key")
        public String secretKey;
        @JsonProperty("callback-token")
        public String callbackToken;
        @JsonProperty("webhook-secret")
        public String webhookSecret;
        public List<String> banks;
        @JsonProperty("due-days")
        public Integer dueDays;
        @JsonProperty("reminder-days")
        public Integer reminderDays;
        public String language;
        public String timeout;
        @JsonProperty("invoice-stage")
        public String invoiceStage;
        @JsonProperty("paid-stage")
        public String paidStage;
        @JsonProperty("lead-orders")
        public Boolean leadOrders;
        @JsonProperty("fixed-va")
        public Boolean fixedVa;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static BillingConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        String at = where + ", billing";
        int before = problems.size();
        String provider = model.provider == null ? null : model.provider.strip().toLowerCase(Locale.ROOT);
        if (provider == null || !PROVIDERS.contains(provider)) {
            problems.add(at + ": provider must be xendit, midtrans or stripe (got " + model.provider + ")");
        }
        String baseUrl = blankToNull(resolve.apply(model.baseUrl));
        if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            problems.add(at + ": base-url must be the provider's http(s) API URL");
        } else if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        String secretKey = blankToNull(resolve.apply(model.secretKey));
        if (secretKey == null) {
            problems.add(at + ": secret-key is required");
        }
        String callbackToken = blankToNull(resolve.apply(model.callbackToken));
        String webhookSecret = blankToNull(resolve.apply(model.webhookSecret));
        if ("xendit".equals(provider) && callbackToken == null) {
            problems.add(at + ": callback-token (Xendit's callback verification token) is required for xendit");
        }
        if ("stripe".equals(provider) && (webhookSecret == null || !webhookSecret.startsWith("whsec_"))) {
            problems.add(at + ": webhook-secret (whsec_...) is required for stripe");
        }
        List<String> banks = new ArrayList<>();
        if (model.banks != null) {
            for (String bank : model.banks) {
                String b = bank == null ? "" : bank.strip().toUpperCase(Locale.ROOT);
                if (!BANKS.contains(b)) {
                    problems.add(at + ": bank '" + bank + "' is not one of " + BANKS);
                } else if (!banks.contains(b)) {
                    banks.add(b);
                }
            }
        }
        if (("xendit".equals(provider) || "midtrans".equals(provider)) && banks.isEmpty()) {
            problems.add(at + ": banks (at least one of " + BANKS + ") is required for " + provider);
        }
        int dueDays = model.dueDays == null ? 3 : model.dueDays;
        if (dueDays < 1 || dueDays > 180) {
            problems.add(at + ": due-days must be 1..180 (got " + dueDays + ")");
        }
        int reminderDays = model.reminderDays == null ? 1 : model.reminderDays;
        if (reminderDays < 0 || reminderDays >= Math.max(dueDays, 1) && reminderDays != 0) {
            problems.add(at + ": reminder-days must be 0..due-days-1 (got " + reminderDays + ")");
        }
        String language = model.language == null ? "en" : model.language.strip().toLowerCase(Locale.ROOT);
        if (!Set.of("id", "ru", "en").contains(language)) {
            problems.add(at + ": language must be id, ru or en (got " + model.language + ")");
        }
        Duration timeout = Duration.ofSeconds(20);
        if (model.timeout != null) {
            try {
                String t = model.timeout.strip();
                timeout = Duration.parse(t.startsWith("P") ? t : "PT" + t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                problems.add(at + ": timeout must be a duration such as 20s (got " + model.timeout + ")");
            }
        }
        boolean fixedVa = Boolean.TRUE.equals(model.fixedVa);
        if (fixedVa && provider != null && !"xendit".equals(provider)) {
            problems.add(at + ": fixed-va (a Fixed Virtual Account per customer) is Xendit's; " + provider + " has none");
        }
        if (problems.size() > before) {
            return null;
        }
        return new BillingConfig(provider, baseUrl, secretKey, callbackToken, webhookSecret, banks, dueDays,
                reminderDays, language, timeout, blankToNull(model.invoiceStage), blankToNull(model.paidStage),
                model.leadOrders == null || model.leadOrders, fixedVa);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
