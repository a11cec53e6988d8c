package io.lintas.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Zadarma's {@code Signature} header on PBX notifications:
 * {@code base64_encode(hash_hmac('sha1', $string, $secret))} in PHP, i.e. Base64 of the
 * <em>lower-case hex string</em> of HMAC-SHA1 (not of the raw 20 bytes), where {@code $string} is a
 * concatenation of fields that depends on the event (zadarma/user-api-v1 {@code lib/Webhook/*.php}).
 */
public final class ZadarmaSignatureVerifier {

    /** Fields concatenated, in order and without separators, for each event Zadarma signs. */
    private static final Map<String, List<String>> SIGNED_FIELDS = Map.of(
            "NOTIFY_START", List.of("caller_id", "called_did", "call_start"),
            "NOTIFY_IVR", List.of("caller_id", "called_did", "call_start"),
            "NOTIFY_INTERNAL", List.of("caller_id", "called_did", "call_start"),
            "NOTIFY_ANSWER", List.of("caller_id", "destination", "call_start"),
            "NOTIFY_END", List.of("caller_id", "called_did", "call_start"),
            "NOTIFY_OUT_START", List.of("internal", "destination", "call_start"),
            "NOTIFY_OUT_END", List.of("internal", "destination", "call_start"),
            "NOTIFY_RECORD", List.of("pbx_call_id", "call_id_with_rec"));

    /** The string Zadarma signs for this event, or empty for an event it does not define. */
    public Optional<String> signedString(String event, Map<String, String> fields) {
        List<String> names = SIGNED_FIELDS.get(event);
        if (names == null) {
            return Optional.empty();
        }
        StringBuilder data = new StringBuilder();
        for (String name : names) {
            String value = fields.get(name);
            data.append(value == null ? "" : value);
        }
        return Optional.of(data.toString());
    }

    /** Base64(hexLower(HMAC-SHA1(secret, data))). */
    public String sign(String data, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String hex = HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /**
     * @param event     the {@code event} field
     * @param fields    the notification's fields (first value of each)
     * @param signature the {@code Signature} header, or null
     * @param secret    the tenant's Zadarma API secret key
     * @return true only for a known event with a present, matching signature
     */
    public boolean isValid(String event, Map<String, String> fields, String signature, String secret) {
        if (signature == null || secret == null || secret.isEmpty()) {
            return false;
        }
        Optional<String> data = signedString(event, fields);
        return data.isPresent() && MessageDigest.isEqual(sign(data.get(), secret).getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
