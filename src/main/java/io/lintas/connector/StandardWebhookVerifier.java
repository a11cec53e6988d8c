package io.lintas.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Standard Webhooks request (standard-webhooks spec 1.0, the Java reference library's
 * {@code Webhook.verify}): {@code webhook-signature} holds space-separated {@code version,base64}
 * entries; an entry {@code v1,<Base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>} must
 * match, where the key is the base64-decoded part of the {@code whsec_} secret, and
 * {@code webhook-timestamp} must be within five minutes of now, either way. Other versions are
 * skipped; comparison is constant-time.
 */
public final class StandardWebhookVerifier {

    /** The reference libraries' tolerance, both too old and too new. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a request failed, in words a sender can act on (never echoing the signature). */
    public enum Outcome {
        VALID(null),
        MISSING_HEADERS("webhook-id, webhook-timestamp and webhook-signature headers are required"),
        BAD_TIMESTAMP("webhook-timestamp must be integer Unix seconds"),
        TIMESTAMP_OUT_OF_TOLERANCE("webhook-timestamp is more than 5 minutes from now"),
        NO_MATCHING_SIGNATURE("no v1 entry in webhook-signature matches");

        private final String reason;

        Outcome(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final Clock clock;

    public StandardWebhookVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param key       HMAC key bytes (the decoded part of {@code whsec_...})
     * @param id        {@code webhook-id}
     * @param timestamp {@code webhook-timestamp}
     * @param signature {@code webhook-signature}
     * @param body      the raw body
     */
    public Outcome verify(byte[] key, String id, String timestamp, String signature, byte[] body) {
        if (id == null || id.isBlank() || timestamp == null || signature == null || signature.isBlank()) {
            return Outcome.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Outcome.BAD_TIMESTAMP;
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(seconds);
        if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
            return Outcome.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        byte[] expected = sign(key, id, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String entry : signature.strip().split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            matched |= MessageDigest.isEqual(expected, entry.substring(comma + 1).getBytes(StandardCharsets.UTF_8));
        }
        return matched ? Outcome.VALID : Outcome.NO_MATCHING_SIGNATURE;
    }

    /** Base64(HMAC-SHA256(key, id.timestamp.body)), without the {@code v1,} prefix. */
    public static String sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
