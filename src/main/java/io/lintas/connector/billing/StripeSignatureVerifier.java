package io.lintas.connector.billing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Stripe-Signature} header (contract sheet §3.3, stripe-java {@code Webhook.Signature.verifyHeader}):
 * {@code t=<unix>,v1=<hex>[,v1=…]}; a {@code v1} must equal lower-case hex HMAC-SHA256 keyed with the UTF-8 bytes of
 * the whole {@code whsec_…} secret over {@code t + "." + rawBody}, compared in constant time; {@code v0} and other
 * schemes are ignored. A timestamp more than 300 s old is stale (a replay); one more than 300 s in the future is
 * refused as well (a clock that far ahead is no Stripe delivery).
 */
public final class StripeSignatureVerifier {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** Why a request failed, in words a sender can act on (never echoing the signature). */
    public enum Outcome {
        VALID(null),
        MISSING_HEADER("Stripe-Signature header is required"),
        MALFORMED("Stripe-Signature must be t=<unix seconds>,v1=<hex>"),
        STALE("Stripe-Signature timestamp is outside the 300 s tolerance (stale or replayed)"),
        NO_MATCHING_SIGNATURE("no v1 signature in Stripe-Signature matches");

        private final String reason;

        Outcome(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final Clock clock;

    public StripeSignatureVerifier(Clock clock) {
        this.clock = clock;
    }

    public Outcome verify(String secret, String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return Outcome.MISSING_HEADER;
        }
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (name.equals("t")) {
                t = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        long seconds;
        try {
            seconds = Long.parseLong(t == null ? "" : t);
        } catch (NumberFormatException e) {
            return Outcome.MALFORMED;
        }
        if (v1.isEmpty()) {
            return Outcome.NO_MATCHING_SIGNATURE;
        }
        byte[] expected = sign(secret, t, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : v1) {
            matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
        }
        if (!matched) {
            return Outcome.NO_MATCHING_SIGNATURE;
        }
        long now = clock.instant().getEpochSecond();
        if (seconds < now - TOLERANCE.getSeconds() || seconds > now + TOLERANCE.getSeconds()) {
            return Outcome.STALE;
        }
        return Outcome.VALID;
    }

    /** Lower-case hex HMAC-SHA256(secret as UTF-8, t + "." + body). */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
