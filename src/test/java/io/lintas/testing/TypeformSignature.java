package io.lintas.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Typeform's {@code Typeform-Signature} header for a body: {@code sha256=} + base64 of HMAC-SHA256 with the form's
 * secret. Computed here, independently of the class under test, for every test that posts a signed Typeform body.
 */
public final class TypeformSignature {

    private TypeformSignature() {
    }

    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(String body, String secret) {
        return of(body.getBytes(StandardCharsets.UTF_8), secret);
    }
}
