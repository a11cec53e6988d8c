package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-256-GCM at rest: a fresh nonce per value, bound to its context, refused with another key. */
class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aValueRoundTripsAndEachEncryptionDiffers() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);

        String first = cipher.encrypt("s3cret", "ctx");
        String second = cipher.encrypt("s3cret", "ctx");

        assertThat(first).startsWith("enc:v1:").doesNotContain("s3cret").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "ctx")).isEqualTo("s3cret");
        assertThat(cipher.decrypt(second, "ctx")).isEqualTo("s3cret");
    }

    @Test
    void anotherKeyOrContextOrATamperedValueIsRefused() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);
        String sealed = cipher.encrypt("s3cret", "ctx");
        SecretCipher other = SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> other.decrypt(sealed, "ctx")).hasMessageContaining("cannot be decrypted with LINTAS_SECRETS_KEY");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "other")).hasMessageContaining("cannot be decrypted");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(7));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt("enc:v1:" + Base64.getEncoder().encodeToString(raw), "ctx"))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aKeyThatIsNot32Base64BytesIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SecretCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> SecretCipher.fromBase64("not base64 !!")).hasMessageContaining("not base64");
    }
}
