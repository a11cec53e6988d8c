package io.lintas.notify;

import io.lintas.connector.StandardWebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Standard Webhooks headers of one attempt (spec 1.0, contract sheet §4): {@code webhook-id}
 * (the same on every attempt), {@code webhook-timestamp} (Unix seconds of this attempt) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, the key being the
 * base64-decoded part of the tenant's {@code whsec_} secret. The HMAC is the inbound verifier's.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static Map<String, String> headers(byte[] key, String id, long timestampSeconds, String body) {
        String timestamp = Long.toString(timestampSeconds);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", "v1," + StandardWebhookVerifier.sign(key, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
