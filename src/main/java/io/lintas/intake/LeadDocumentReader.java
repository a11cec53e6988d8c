package io.lintas.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lintas.lead.RawLead;
import io.lintas.lead.RawOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an inbound lead (schema/lead-in-v1.schema.json), the JSON the lead API and the Kafka
 * intake share: parses it strictly, checks it against the schema, and maps it onto the raw lead.
 */
public class LeadDocumentReader {

    /** Where the inbound schema is on the classpath. */
    public static final String SCHEMA = "/schema/lead-in-v1.schema.json";
    /** At most this many schema violations are named in a reason. */
    static final int MAX_REASONS = 5;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)       // {"phone":1,"phone":2} is ambiguous
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)   // 1.10 stays "1.10" in attributes
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Map<String, String> UTM_TAGS = Map.of("source", "utm_source", "medium", "utm_medium",
            "campaign", "utm_campaign", "content", "utm_content", "term", "utm_term");

    private final JsonSchema schema;

    public LeadDocumentReader() {
        try (InputStream in = LeadDocumentReader.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IntakeRejected 400 when the body is not JSON, 422 when it breaks the schema (the reason
     *                        names the fields, never their values)
     */
    public LeadDocument read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            // the parser's own message may quote the body: the position is enough
            throw IntakeRejected.badRequest("body is not valid JSON" + where);
        } catch (IOException | RuntimeException e) {
            // e.g. a number Java cannot hold (1E-2147483648: scale out of range) is a NumberFormatException
            throw IntakeRejected.badRequest("body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw IntakeRejected.badRequest("body is empty; expected a JSON lead (schema lead-in-v1)");
        }
        Set<ValidationMessage> violations = schema.validate(root);
        if (!violations.isEmpty()) {
            List<String> reasons = violations.stream().map(ValidationMessage::getMessage).sorted().toList();
            String shown = String.join("; ", reasons.subList(0, Math.min(MAX_REASONS, reasons.size())));
            String more = reasons.size() > MAX_REASONS ? " (and " + (reasons.size() - MAX_REASONS) + " more)" : "";
            throw IntakeRejected.unprocessable("lead does not match schema lead-in-v1: " + shown + more);
        }
        return map(root);
    }

    private static LeadDocument map(JsonNode root) {
        JsonNode contact = root.path("contact");
        Map<String, String> utm = new LinkedHashMap<>();
        root.path("utm").fields().forEachRemaining(tag -> {
            if (!tag.getValue().isNull()) {
                utm.put(UTM_TAGS.get(tag.getKey()), tag.getValue().asText());
            }
        });
        Map<String, String> attributes = new LinkedHashMap<>();
        root.path("attributes").fields().forEachRemaining(attribute -> {
            JsonNode value = attribute.getValue();
            if (!value.isNull()) {
                attributes.put(attribute.getKey(), value.isBigDecimal() ? FormBody.decimal(value.decimalValue()) : value.asText());
            }
        });
        JsonNode consent = root.path("consent");
        RawLead raw = new RawLead(text(contact, "fullName"), text(contact, "firstName"), text(contact, "lastName"),
                strings(contact.path("phones")), strings(contact.path("emails")), text(contact, "company"),
                text(root, "message"), utm, consent.isMissingNode() || consent.isNull() ? null : consent.asText(),
                attributes, order(root.path("order")));
        String externalId = text(root, "externalId");
        return new LeadDocument(text(root, "tenant"), externalId == null ? null : externalId.strip(), raw);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** The order's items with their numbers exactly as sent (JSON numbers, not typed text). */
    private static RawOrder order(JsonNode order) {
        if (!order.isObject()) {
            return null;
        }
        List<RawOrder.Item> items = new ArrayList<>();
        order.path("items").forEach(item -> items.add(new RawOrder.Item(text(item, "name"), number(item.path("quantity")),
                number(item.path("price")))));
        return RawOrder.exact(text(order, "currency"), items, text(order, "description"));
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? value.decimalValue().toPlainString() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    /**
     * An inbound lead, read.
     *
     * @param tenant     the tenant the document names, or null
     * @param externalId the sender's idempotency key, or null
     * @param raw        the lead, mapped but not cleaned
     */
    public record LeadDocument(String tenant, String externalId, RawLead raw) {
    }
}
