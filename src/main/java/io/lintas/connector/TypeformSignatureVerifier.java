package io.lintas.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Typeform's {@code Typeform-Signature} header: {@code "sha256=" + Base64(HMAC-SHA256(raw body, secret))}
 * (Base64, not hex), compared in constant time on the exact body bytes.
 */
public final class TypeformSignatureVerifier {

    private static final String PREFIX = "sha256=";

    /**
     * @param rawBody         the body exactly as received
     * @param signatureHeader the {@code Typeform-Signature} header value, or null when absent
     * @param secret          the webhook secret configured on the Typeform side
     * @return true only when the header is present and matches
     */
    public boolean isValid(byte[] rawBody, String signatureHeader, String secret) {
        if (rawBody == null || signatureHeader == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = (PREFIX + Base64.getEncoder().encodeToString(hmacSha256(rawBody, secret)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmacSha256(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java runtime
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
