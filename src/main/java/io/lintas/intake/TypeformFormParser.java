package io.lintas.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.TypeformSignatureVerifier;
import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typeform webhooks ({@code form_response}, and opt-in {@code form_response_partial}): JSON only,
 * {@code Typeform-Signature} checked on the raw bytes when the form has a secret.
 * Answers are mapped by {@code field.ref} through the usual field rules, then by answer type
 * (email, phone_number); other answers land in attributes keyed by ref. {@code hidden} gives utm tags.
 */
public final class TypeformFormParser implements FormParser {

    static final String SIGNATURE_HEADER = "Typeform-Signature";

    private final FormFieldMapper mapper = new FormFieldMapper();
    private final TypeformSignatureVerifier verifier = new TypeformSignatureVerifier();

    @Override
    public FormKind kind() {
        return FormKind.TYPEFORM;
    }

    @Override
    public ParsedSubmission parse(InboundRequest request, FormConfig form) {
        if (!request.mediaType().equals(FormBody.Type.JSON.mediaType())) {
            throw IntakeRejected.unsupportedType("Content-Type " + FormBody.describe(request.mediaType())
                    + "; Typeform webhooks are application/json");
        }
        if (FormGuards.isSet(form.secret())
                && !verifier.isValid(request.body(), request.header(SIGNATURE_HEADER), form.secret())) {
            throw IntakeRejected.unauthorized(SIGNATURE_HEADER + " missing or wrong");
        }
        String charset = FormBody.parameter(request.contentType(), "charset");
        JsonNode root = FormBody.jsonObject(request.body(), charsetOrNull(charset));
        JsonNode response = root.path("form_response");
        if (!response.isObject()) {
            throw IntakeRejected.unprocessable("Typeform payload has no form_response object");
        }
        String key = text(response.path("token"));
        if (key == null) {
            key = text(root.path("event_id"));
        }

        LinkedHashMap<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        readAnswers(response.path("answers"), form, fields);
        readHidden(response.path("hidden"), fields, attributes);
        readContext(root, response, attributes);

        RawLead lead = FormFieldMapper.withAttributes(mapper.map(fields, form), attributes, form);
        String spam = FormGuards.honeypotReason(fields, form);
        if (spam == null) {
            spam = FormGuards.honeypotReason(hiddenAsFields(response.path("hidden")), form);
        }
        return spam == null ? ParsedSubmission.lead(key, lead) : ParsedSubmission.spam(key, lead, spam);
    }

    private void readAnswers(JsonNode answers, FormConfig form, Map<String, List<String>> fields) {
        if (!answers.isArray()) {
            return;
        }
        if (answers.size() > FormBody.MAX_FIELDS) {
            throw IntakeRejected.tooLarge("too many answers: at most " + FormBody.MAX_FIELDS + " are accepted");
        }
        for (JsonNode answer : answers) {
            String type = answer.path("type").asText("");
            JsonNode field = answer.path("field");
            String ref = text(field.path("ref"));
            if (ref == null) {
                ref = text(field.path("id"));
            }
            List<String> values = values(type, answer.path(type));
            if (values.isEmpty()) {
                continue;
            }
            String name;
            if (ref != null && (mapper.canonicalName(ref, form) != null || ref.equalsIgnoreCase(honeypot(form)))) {
                name = ref;
            } else if (type.equals("email")) {
                name = FormFieldMapper.EMAIL;
            } else if (type.equals("phone_number")) {
                name = FormFieldMapper.PHONE;
            } else {
                name = ref == null ? type : ref;
            }
            if (name.length() > FormBody.MAX_NAME_LENGTH) {
                throw IntakeRejected.unprocessable("a field ref is longer than " + FormBody.MAX_NAME_LENGTH + " characters");
            }
            fields.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
        }
    }

    private static String honeypot(FormConfig form) {
        return form.honeypot() == null ? "" : form.honeypot().strip();
    }

    /** An answer's value as text: choice label, each of several choices, booleans and numbers as typed. */
    private static List<String> values(String type, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return values;
        }
        switch (type) {
            case "choice" -> addText(values, value.has("label") ? value.path("label") : value.path("other"));
            case "choices" -> {
                for (JsonNode label : value.path("labels")) {
                    addText(values, label);
                }
                addText(values, value.path("other"));
            }
            default -> {
                if (value.isValueNode()) {
                    addText(values, value);
                } else {
                    values.add(value.toString()); // payment, file and future types: keep them whole
                }
            }
        }
        return values;
    }

    private static void addText(List<String> values, JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            String text = FormBody.scalar(node);
            if (!text.isBlank()) {
                values.add(text);
            }
        }
    }

    /** utm_* go through the mapper to become utm tags; every other hidden value is an attribute as is. */
    private static void readHidden(JsonNode hidden, Map<String, List<String>> fields, Map<String, String> attributes) {
        for (Map.Entry<String, JsonNode> entry : hidden.properties()) {
            String value = entry.getValue().isValueNode() ? FormBody.scalar(entry.getValue()) : entry.getValue().toString();
            if (entry.getValue().isNull() || value.isBlank()) {
                continue;
            }
            if (FormFieldMapper.normalise(entry.getKey()).startsWith("utm_")) {
                fields.computeIfAbsent(FormFieldMapper.normalise(entry.getKey()), k -> new ArrayList<>()).add(value);
            } else {
                attributes.put(entry.getKey(), value);
            }
        }
    }

    private static Map<String, List<String>> hiddenAsFields(JsonNode hidden) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : hidden.properties()) {
            fields.put(entry.getKey(), List.of(entry.getValue().asText("")));
        }
        return fields;
    }

    /** What identifies the submission besides its answers: form, timing, score, partial flag. */
    private static void readContext(JsonNode root, JsonNode response, Map<String, String> attributes) {
        putText(attributes, "form_id", response.path("form_id"));
        putText(attributes, "form_title", response.path("definition").path("title"));
        putText(attributes, "submitted_at", response.path("submitted_at"));
        putText(attributes, "landed_at", response.path("landed_at"));
        putText(attributes, "score", response.path("calculated").path("score"));
        for (JsonNode variable : response.path("variables")) {
            String key = text(variable.path("key"));
            String type = variable.path("type").asText("");
            if (key != null) {
                putText(attributes, "variables." + key, variable.path(type));
            }
        }
        if ("form_response_partial".equals(root.path("event_type").asText())) {
            attributes.put("partial", "true");
        }
    }

    private static void putText(Map<String, String> attributes, String key, JsonNode node) {
        if (node.isValueNode() && !node.isNull() && !FormBody.scalar(node).isBlank()) {
            attributes.put(key, FormBody.scalar(node));
        }
    }

    private static String text(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    private static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException unknown) {
            throw IntakeRejected.unsupportedType("charset not supported; send UTF-8");
        }
    }
}
