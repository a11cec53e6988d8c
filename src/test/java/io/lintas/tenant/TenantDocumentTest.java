package io.lintas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Secrets of an API tenant: found by key anywhere, masked, kept on change, encrypted bound to their place. */
class TenantDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecretCipher CIPHER = SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    private static ObjectNode shop() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"shop","name":"Shop","region":"ID","currency":"IDR","time-zone":"Asia/Jakarta",
                 "forms":[{"id":"contact","kind":"html","token":"form-token-1"},
                          {"id":"tilda","kind":"tilda","api-key":"tilda-key-2"}],
                 "api":{"keys":["api-key-3-long-enough","api-key-4-long-enough"]},
                 "calls":{"twilio":{"auth-token":"twilio-5"}}}""");
    }

    @Test
    void everySecretIsMaskedWhereverItIs() throws Exception {
        String masked = TenantDocument.masked(shop()).toString();

        assertThat(masked).doesNotContain("form-token-1", "tilda-key-2", "api-key-3", "api-key-4", "twilio-5")
                .contains("\"token\":\"***\"", "\"api-key\":\"***\"", "\"keys\":[\"***\",\"***\"]", "\"auth-token\":\"***\"")
                .contains("\"name\":\"Shop\"");
    }

    @Test
    void encryptedSecretsDecryptOnlyForTheirTenantAndPlace() throws Exception {
        ObjectNode stored = TenantDocument.encrypted(shop(), "shop", CIPHER);

        assertThat(stored.toString()).doesNotContain("form-token-1", "api-key-3").contains(SecretCipher.PREFIX);
        assertThat(TenantDocument.decrypted(stored, "shop", CIPHER, "test")).isEqualTo(shop());
        assertThatThrownBy(() -> TenantDocument.decrypted(stored, "other-shop", CIPHER, "test"))
                .isInstanceOf(InvalidTenantConfiguration.class).hasMessageContaining("tenant 'other-shop'")
                .hasMessageContaining("/forms/contact/token");
        ObjectNode swapped = stored.deepCopy();
        ((ObjectNode) swapped.at("/forms/0")).set("token", stored.at("/forms/1/api-key"));
        assertThatThrownBy(() -> TenantDocument.decrypted(swapped, "shop", CIPHER, "test"))
                .hasMessageContaining("secret /forms/contact/token cannot be decrypted");
    }

    @Test
    void withoutAKeyATenantWithSecretsIsRefusedAndOneWithoutIsNot() throws Exception {
        assertThatThrownBy(() -> TenantDocument.encrypted(shop(), "shop", null))
                .isInstanceOf(TenantDocument.NoSecretsKey.class).hasMessageContaining("LINTAS_SECRETS_KEY is not set");
        ObjectNode plain = (ObjectNode) JSON.readTree("{\"id\":\"shop\",\"name\":\"Shop\"}");
        assertThat(TenantDocument.encrypted(plain, "shop", null)).isEqualTo(plain);
        assertThat(TenantDocument.hasSecrets(plain)).isFalse();
    }

    @Test
    void aChangeThatLeavesSecretsOutOrMasksThemKeepsTheStoredOnes() throws Exception {
        ObjectNode change = TenantDocument.masked(shop());
        ((ObjectNode) change.at("/forms/1")).remove("api-key");
        ((ObjectNode) change.at("/calls/twilio")).put("auth-token", "twilio-new");

        assertThat(TenantDocument.keepSecrets(change, shop())).isEmpty();

        assertThat(change.at("/forms/0/token").asText()).isEqualTo("form-token-1");
        assertThat(change.at("/forms/1/api-key").asText()).isEqualTo("tilda-key-2");
        assertThat(change.at("/api/keys").toString()).isEqualTo("[\"api-key-3-long-enough\",\"api-key-4-long-enough\"]");
        assertThat(change.at("/calls/twilio/auth-token").asText()).isEqualTo("twilio-new");
    }

    @Test
    void aMaskWithNothingToKeepIsAProblem() throws Exception {
        ObjectNode change = TenantDocument.masked(shop());

        assertThat(TenantDocument.keepSecrets(change, null)).hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("/forms/contact/token: '***' keeps a stored secret"));
    }

    @Test
    void theDocumentIsCheckedByTheTenantsFileRulesWithPlaceholdersTakenLiterally() throws Exception {
        Tenant tenant = TenantDocument.check(shop(), "api");
        assertThat(tenant.forms()).containsKeys("contact", "tilda");

        ObjectNode withPlaceholder = shop();
        ((ObjectNode) withPlaceholder.at("/forms/0")).put("token", "${LINTAS_DB_PASSWORD}");
        assertThat(TenantDocument.check(withPlaceholder, "api").forms().get("contact").token()).isEqualTo("${LINTAS_DB_PASSWORD}");

        ObjectNode broken = shop();
        broken.put("region", "XX").put("colour", "red");
        assertThatThrownBy(() -> TenantDocument.check(broken, "api")).isInstanceOf(InvalidTenantConfiguration.class)
                .hasMessageContaining("colour");
    }
}
