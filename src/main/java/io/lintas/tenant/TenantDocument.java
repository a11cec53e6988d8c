package io.lintas.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * One tenant in the tenants.yaml shape, as a JSON tree: how the admin API receives, checks,
 * stores and shows a tenant. Secret values (tokens, keys, passwords, webhook URLs with a token in
 * them) are found by their key name anywhere in the tree; they are masked when shown, kept when a
 * change leaves them out, and encrypted when stored.
 */
public final class TenantDocument {

    /** Shown instead of a secret; sent back in a change, it keeps the stored secret. */
    public static final String MASK = "***";

    /** Ids of tenants managed through the API. */
    public static final Pattern ID = Pattern.compile("[a-z0-9-]{1,40}");

    /** Every key whose value is a secret, in any section (tenants.yaml key names). */
    public static final Set<String> SECRET_KEYS = Set.of("token", "api-key", "secret", "password", "secret-key",
            "callback-token", "webhook-secret", "webhook-url", "application-token", "auth-token", "api-token",
            "api-id", "keys");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantDocument() {
    }

    /** A copy with every secret value replaced by {@link #MASK}. */
    public static ObjectNode masked(ObjectNode document) {
        return map(document, (path, value) -> MASK);
    }

    /** A copy with every secret encrypted for this tenant; the cipher is needed only when there is a secret. */
    public static ObjectNode encrypted(ObjectNode plain, String tenantId, SecretCipher cipher) {
        return map(plain, (path, value) -> {
            if (cipher == null) {
                throw new NoSecretsKey(path);
            }
            return cipher.encrypt(value, context(tenantId, path));
        });
    }

    /**
     * A copy with every secret decrypted.
     *
     * @throws InvalidTenantConfiguration naming the tenant and each secret that cannot be decrypted
     */
    public static ObjectNode decrypted(ObjectNode stored, String tenantId, SecretCipher cipher, String source) {
        List<String> problems = new ArrayList<>();
        ObjectNode plain = map(stored, (path, value) -> {
            if (!SecretCipher.isEncrypted(value)) {
                problems.add("tenant '" + tenantId + "': secret " + path + " is stored unencrypted");
                return value;
            }
            if (cipher == null) {
                problems.add("tenant '" + tenantId + "': secret " + path + " is encrypted, but LINTAS_SECRETS_KEY is not set");
                return value;
            }
            try {
                return cipher.decrypt(value, context(tenantId, path));
            } catch (IllegalArgumentException e) {
                problems.add("tenant '" + tenantId + "': secret " + path + " " + e.getMessage());
                return value;
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidTenantConfiguration(source, problems);
        }
        return plain;
    }

    /** True when the document holds at least one secret value. */
    public static boolean hasSecrets(ObjectNode document) {
        boolean[] found = {false};
        map(document, (path, value) -> {
            found[0] = true;
            return value;
        });
        return found[0];
    }

    /**
     * Puts the stored secrets into a change that leaves them out or sends {@link #MASK} for them
     * (a change that omits a secret keeps it). Objects in lists are matched by their id, else by position.
     *
     * @param incoming the change, edited in place
     * @param stored   the stored document, secrets decrypted
     * @return problems: a {@link #MASK} where there is no stored secret to keep
     */
    public static List<String> keepSecrets(ObjectNode incoming, ObjectNode stored) {
        if (stored != null) {
            keep(incoming, stored);
        }
        List<String> problems = new ArrayList<>();
        map(incoming, (path, value) -> {
            if (MASK.equals(value)) {
                problems.add(path + ": '" + MASK + "' keeps a stored secret, but there is none to keep");
            }
            return value;
        });
        return problems;
    }

    /**
     * Checks the document with the same strict code as the tenants file. Values are taken literally:
     * {@code ${...}} placeholders are not resolved for API tenants (they would read the hub's environment).
     *
     * @throws InvalidTenantConfiguration listing every problem
     */
    public static Tenant check(ObjectNode plain, String source) {
        ObjectNode file = JSON.createObjectNode();
        file.putArray("tenants").add(plain);
        String text;
        try {
            text = JSON.writeValueAsString(file); // JSON is YAML
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<Tenant> tenants = TenantsFile.parse(source, text, value -> value);
        return tenants.get(0);
    }

    private static void keep(JsonNode incoming, JsonNode stored) {
        if (incoming instanceof ObjectNode in && stored instanceof ObjectNode old) {
            for (String key : SECRET_KEYS) {
                JsonNode was = old.get(key);
                JsonNode now = in.get(key);
                if (was == null || was.isNull()) {
                    continue;
                }
                if (now == null || isMask(now)) {
                    in.set(key, was.deepCopy());
                } else if (now instanceof ArrayNode list && was instanceof ArrayNode oldList) {
                    for (int i = 0; i < list.size(); i++) {
                        if (isMask(list.get(i)) && i < oldList.size()) {
                            list.set(i, oldList.get(i).deepCopy());
                        }
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!SECRET_KEYS.contains(field.getKey())) {
                    keep(field.getValue(), old.get(field.getKey()));
                }
            }
        } else if (incoming instanceof ArrayNode in && stored instanceof ArrayNode old) {
            for (int i = 0; i < in.size(); i++) {
                JsonNode element = in.get(i);
                String id = element.path("id").isTextual() ? element.path("id").asText() : null;
                JsonNode match = null;
                if (id != null) {
                    for (JsonNode candidate : old) {
                        if (id.equals(candidate.path("id").asText(null))) {
                            match = candidate;
                        }
                    }
                } else if (i < old.size()) {
                    match = old.get(i);
                }
                keep(element, match);
            }
        }
    }

    private static boolean isMask(JsonNode node) {
        return node.isTextual() && MASK.equals(node.asText());
    }

    private static String context(String tenantId, String path) {
        return "lintas-tenant:" + tenantId + ":" + path;
    }

    /** A copy in which every secret text value is replaced by {@code change(path, value)}. */
    private static ObjectNode map(ObjectNode document, BinaryOperator<String> change) {
        ObjectNode copy = document.deepCopy();
        walk(copy, "", change, false);
        return copy;
    }

    private static void walk(JsonNode node, String path, BinaryOperator<String> change, boolean secret) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "/" + field.getKey();
                JsonNode value = field.getValue();
                boolean isSecret = SECRET_KEYS.contains(field.getKey());
                if (isSecret && value.isTextual()) {
                    field.setValue(TextNode.valueOf(change.apply(at, value.asText())));
                } else {
                    walk(value, at, change, isSecret);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (secret && element.isTextual()) {
                    array.set(i, TextNode.valueOf(change.apply(path + "/" + i, element.asText())));
                } else {
                    String id = element.path("id").isTextual() ? element.path("id").asText() : String.valueOf(i);
                    walk(element, path + "/" + id, change, false);
                }
            }
        }
    }

    /** A secret was given but the hub has no LINTAS_SECRETS_KEY to encrypt it with. */
    public static final class NoSecretsKey extends RuntimeException {
        public NoSecretsKey(String path) {
            super("secrets cannot be stored: LINTAS_SECRETS_KEY is not set on this hub (a base64 32-byte key,"
                    + " e.g. from openssl rand -base64 32); the tenant has a secret at " + path);
        }
    }
}
