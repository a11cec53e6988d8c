package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A tenant's phone-system webhooks: {@code /hooks/{tenant}/calls/{provider}} with provider
 * {@code twilio}, {@code zadarma} or {@code pbx} (the hub's own JSON, Standard Webhooks signed).
 *
 * @param twilio          Twilio Programmable Voice, or null when the tenant has none
 * @param zadarma         Zadarma PBX notifications, or null
 * @param pbx             the generic PBX JSON contract (Asterisk, FreePBX, 3CX connectors), or null
 * @param missedThreshold answered calls shorter than this count as missed
 * @param repeatWindow    calls from one number within this attach to the same open lead;
 *                        null means the tenant's dedupe window
 */
public record CallsConfig(Twilio twilio, Zadarma zadarma, Pbx pbx, Duration missedThreshold, Duration repeatWindow) {

    /** Default {@link #missedThreshold}: a pick-up this short is an answering machine or a hang-up. */
    public static final Duration DEFAULT_MISSED_THRESHOLD = Duration.ofSeconds(10);

    /**
     * @param authToken     the account's Auth Token: the HMAC key of {@code X-Twilio-Signature}
     * @param publicBaseUrl scheme, host (and port, path prefix) Twilio calls when it differs from what
     *                      the app sees behind a proxy, e.g. {@code https://hooks.example.com}; null: the request URL
     * @param greeting      text the caller hears first ({@code <Say>}), or null
     * @param forwardTo     number the call is put through to ({@code <Dial>}), or null
     */
    public record Twilio(String authToken, String publicBaseUrl, String greeting, String forwardTo) {
        @Override
        public String toString() {
            return "Twilio[authToken=" + Secrets.mask(authToken) + ", publicBaseUrl=" + publicBaseUrl
                    + ", greeting=" + (greeting != null) + ", forwardTo=" + (forwardTo != null) + "]";
        }
    }

    /** @param secret the API secret key (HMAC key of the {@code Signature} header) */
    public record Zadarma(String secret) {
        @Override
        public String toString() {
            return "Zadarma[secret=" + Secrets.mask(secret) + "]";
        }
    }

    /** @param secret {@code whsec_} + base64 of 24 to 64 random bytes (Standard Webhooks) */
    public record Pbx(String secret) {
        @Override
        public String toString() {
            return "Pbx[secret=" + Secrets.mask(secret) + "]";
        }
    }

    /** The providers this tenant configured, by their path segment. */
    public boolean has(String provider) {
        return switch (provider == null ? "" : provider) {
            case "twilio" -> twilio != null;
            case "zadarma" -> zadarma != null;
            case "pbx" -> pbx != null;
            default -> false;
        };
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        @JsonProperty("missed-threshold")
        public String missedThreshold;
        @JsonProperty("repeat-window")
        public String repeatWindow;
        public TwilioModel twilio;
        public ZadarmaModel zadarma;
        public PbxModel pbx;
    }

    static final class TwilioModel {
        @JsonProperty("auth-token")
        public String authToken;
        @JsonProperty("public-base-url")
        public String publicBaseUrl;
        public String greeting;
        @JsonProperty("forward-to")
        public String forwardTo;
    }

    static final class ZadarmaModel {
        public String secret;
    }

    static final class PbxModel {
        public String secret;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static CallsConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        String at = where + ", calls";
        int before = problems.size();
        Duration threshold = duration(resolve.apply(model.missedThreshold), DEFAULT_MISSED_THRESHOLD,
                at + ": missed-threshold", problems);
        Duration window = duration(resolve.apply(model.repeatWindow), null, at + ": repeat-window", problems);
        if (window != null && (window.isZero() || window.isNegative())) {
            problems.add(at + ": repeat-window must be longer than zero");
        }
        Twilio twilio = null;
        if (model.twilio != null) {
            String token = resolve.apply(model.twilio.authToken);
            String base = blankToNull(resolve.apply(model.twilio.publicBaseUrl));
            if (blank(token)) {
                problems.add(at + ", twilio: auth-token is required (the account's Auth Token signs every request)");
            }
            if (base != null && !validBaseUrl(base)) {
                problems.add(at + ", twilio: public-base-url must be an absolute http(s) URL without query,"
                        + " e.g. https://hooks.example.com (got " + base + ")");
            }
            twilio = new Twilio(token, base == null ? null : stripSlash(base),
                    blankToNull(resolve.apply(model.twilio.greeting)), blankToNull(resolve.apply(model.twilio.forwardTo)));
        }
        Zadarma zadarma = null;
        if (model.zadarma != null) {
            String secret = resolve.apply(model.zadarma.secret);
            if (blank(secret)) {
                problems.add(at + ", zadarma: secret is required (the API secret key signs every notification)");
            }
            zadarma = new Zadarma(secret);
        }
        Pbx pbx = null;
        if (model.pbx != null) {
            String secret = resolve.apply(model.pbx.secret);
            if (!validWhsec(secret)) {
                problems.add(at + ", pbx: secret must be whsec_ followed by base64 of 24 to 64 random bytes");
            }
            pbx = new Pbx(secret);
        }
        if (twilio == null && zadarma == null && pbx == null) {
            problems.add(at + ": configure at least one of twilio, zadarma, pbx");
        }
        if (problems.size() > before) {
            return null;
        }
        return new CallsConfig(twilio, zadarma, pbx, threshold, window);
    }

    /** The Standard Webhooks key bytes of a {@code whsec_} secret. */
    public static byte[] whsecKey(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private static boolean validWhsec(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            int length = whsecKey(secret).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean validBaseUrl(String base) {
        try {
            URI uri = new URI(base);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** "10s", "2h", "PT30M", or a bare number of seconds. */
    private static Duration duration(String text, Duration fallback, String what, List<String> problems) {
        if (blank(text)) {
            return fallback;
        }
        String t = text.trim();
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            Duration d = Duration.parse(t.startsWith("P") ? t : "PT" + t.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return d;
        } catch (RuntimeException e) {
            problems.add(what + " must be a duration such as 10s, 2h or PT30M (got " + text + ")");
            return fallback;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
