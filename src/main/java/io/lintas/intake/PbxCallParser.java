package io.lintas.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.tenant.CallsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The hub's own call contract for PBXs without a webhook of their own (Asterisk, FreePBX, 3CX
 * through a small AMI/ARI or call-log connector): a JSON event, schema/pbx-call-v1.schema.json,
 * signed the Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}, five minutes' tolerance).
 *
 * <p>{@code call.ended} of an inbound call makes the lead, keyed by {@code data.call_id}; a replayed
 * or retried delivery carries the same signed body, so the same key, and becomes a DUPLICATE touch.
 * {@code call.started} and outbound calls are verified and acknowledged.
 */
final class PbxCallParser {

    static final Set<String> STATUSES = Set.of("answered", "no_answer", "busy", "failed", "canceled");
    static final int MAX_ID = 128;
    private static final Set<String> MAPPED = Set.of("from", "caller_name");

    private final StandardWebhookVerifier verifier;

    PbxCallParser(StandardWebhookVerifier verifier) {
        this.verifier = verifier;
    }

    CallEvent parse(InboundRequest request, CallsConfig.Pbx config) {
        if (!request.mediaType().equals("application/json")) {
            throw IntakeRejected.unsupportedType("Content-Type " + FormBody.describe(request.mediaType())
                    + "; send application/json");
        }
        String webhookId = request.header("webhook-id");
        StandardWebhookVerifier.Outcome verified = verifier.verify(CallsConfig.whsecKey(config.secret()), webhookId,
                request.header("webhook-timestamp"), request.header("webhook-signature"), request.body());
        if (verified != StandardWebhookVerifier.Outcome.VALID) {
            throw IntakeRejected.unauthorized(verified.reason());
        }
        JsonNode root = FormBody.jsonObject(request.body(), null);
        String type = text(root, "type");
        if (!"call.started".equals(type) && !"call.ended".equals(type)) {
            throw IntakeRejected.unprocessable("type must be call.started or call.ended");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw IntakeRejected.unprocessable("data must be an object");
        }
        String callId = text(data, "call_id");
        if (callId == null || callId.isBlank() || callId.length() > MAX_ID) {
            throw IntakeRejected.unprocessable("data.call_id must be a string of 1 to " + MAX_ID + " characters");
        }
        String direction = text(data, "direction");
        if (!"inbound".equals(direction) && !"outbound".equals(direction)) {
            throw IntakeRejected.unprocessable("data.direction must be inbound or outbound");
        }
        for (String name : new String[] {"from", "to", "caller_name", "extension", "recording_url", "started_at"}) {
            if (data.has(name) && !data.get(name).isTextual() && !data.get(name).isNull()) {
                throw IntakeRejected.unprocessable("data." + name + " must be a string");
            }
        }
        for (var field : data.properties()) {
            if (field.getValue().isContainerNode()) {
                throw IntakeRejected.unprocessable("data." + field.getKey() + " must be a string, number, boolean or null");
            }
        }
        if (type.equals("call.started") || direction.equals("outbound")) {
            return CallEvent.acknowledge();
        }
        String status = text(data, "status");
        if (status == null || !STATUSES.contains(status)) {
            throw IntakeRejected.unprocessable("data.status must be one of answered, no_answer, busy, failed, canceled");
        }
        JsonNode duration = data.path("duration_seconds");
        if (!duration.isMissingNode() && !duration.isNull() && !(duration.canConvertToLong() && duration.isIntegralNumber()
                && duration.asLong() >= 0)) {
            throw IntakeRejected.unprocessable("data.duration_seconds must be a whole number of seconds, 0 or more");
        }
        String from = text(data, "from");
        if (from == null || from.isBlank()) {
            throw IntakeRejected.unprocessable("data.from (the caller's number) is required for an inbound call.ended");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        data.properties().forEach(e -> {
            if (!MAPPED.contains(e.getKey()) && !e.getValue().isNull()) {
                attributes.put(e.getKey(), FormBody.scalar(e.getValue()));
            }
        });
        attributes.put("webhook_id", webhookId);
        return new CallEvent(CallEvent.Kind.OUTCOME, callId, from, text(data, "to"), text(data, "caller_name"), status,
                status.equals("answered"), duration.asLong(0), text(data, "recording_url"), attributes, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
