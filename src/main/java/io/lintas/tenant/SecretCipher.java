package io.lintas.tenant;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tenant secrets at rest: AES-256-GCM with a random 96-bit nonce per value, and the
 * value's place (tenant and key path) as associated data, so a ciphertext cannot be moved to
 * another tenant or field. Stored form: {@code enc:v1:<base64(nonce || ciphertext+tag)>}.
 */
public final class SecretCipher {

    /** Prefix of an encrypted value. */
    public static final String PREFIX = "enc:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 32 bytes, base64 (e.g. {@code openssl rand -base64 32})
     * @throws IllegalArgumentException naming what is wrong with the key (never the key itself)
     */
    public static SecretCipher fromBase64(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LINTAS_SECRETS_KEY is not base64 (create one with: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("LINTAS_SECRETS_KEY must be 32 bytes, base64 (got " + key.length
                    + " bytes; create one with: openssl rand -base64 32)");
        }
        return new SecretCipher(key);
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the value was not encrypted with this key for this context
     */
    public String decrypt(String stored, String context) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encrypted value is not base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("cannot be decrypted with LINTAS_SECRETS_KEY (a different key, or a changed value)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
