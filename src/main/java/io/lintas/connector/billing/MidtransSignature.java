package io.lintas.connector.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Midtrans notification signature (contract sheet §2.3): {@code signature_key} = lower-case hex
 * SHA-512(order_id + status_code + gross_amount + server key), from the raw string values as sent
 * (gross_amount "100000.00" as is), every byte hex-encoded (128 characters), compared in constant time.
 */
public final class MidtransSignature {

    private MidtransSignature() {
    }

    public static String compute(String orderId, String statusCode, String grossAmount, String serverKey) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] digest = sha512.digest((orderId + statusCode + grossAmount + serverKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
    }

    /** True when {@code signatureKey} matches; false when any part is missing. */
    public static boolean matches(String orderId, String statusCode, String grossAmount, String serverKey,
            String signatureKey) {
        if (orderId == null || statusCode == null || grossAmount == null || serverKey == null || signatureKey == null) {
            return false;
        }
        byte[] expected = compute(orderId, statusCode, grossAmount, serverKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureKey.strip().toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8));
    }
}
