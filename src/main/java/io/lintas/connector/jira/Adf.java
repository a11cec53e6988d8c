package io.lintas.connector.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Atlassian Document Format, the little of it a task needs: a document of paragraphs, headings and
 * bullet lists of plain or bold text. Jira's v3 API takes descriptions and comments only in ADF.
 * Text nodes must not be empty, so empty text is left out rather than sent.
 */
public final class Adf {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Adf() {
    }

    /** {@code {"type":"doc","version":1,"content":[...]}}. */
    public static ObjectNode doc(List<? extends JsonNode> blocks) {
        ObjectNode doc = NODES.objectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        doc.set("content", array(blocks));
        return doc;
    }

    public static ObjectNode doc(JsonNode... blocks) {
        return doc(List.of(blocks));
    }

    /** A paragraph of inline nodes (text, hard breaks). */
    public static ObjectNode paragraph(List<? extends JsonNode> inline) {
        return node("paragraph", inline);
    }

    public static ObjectNode paragraph(JsonNode... inline) {
        return paragraph(List.of(inline));
    }

    /** A paragraph of plain text; line breaks in the text become hard breaks. */
    public static ObjectNode paragraph(String text) {
        return paragraph(lines(text));
    }

    public static ObjectNode heading(int level, String text) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("heading level is 1 to 6");
        }
        ObjectNode heading = NODES.objectNode();
        heading.put("type", "heading");
        heading.putObject("attrs").put("level", level);
        heading.set("content", array(lines(text)));
        return heading;
    }

    /** A bullet list; each item is a list of blocks (usually one paragraph). */
    public static ObjectNode bulletList(List<? extends JsonNode> items) {
        return node("bulletList", items);
    }

    public static ObjectNode listItem(JsonNode... blocks) {
        return node("listItem", List.of(blocks));
    }

    /** {@code {"type":"text","text":"..."}}. */
    public static ObjectNode text(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("ADF text nodes must not be empty");
        }
        ObjectNode node = NODES.objectNode();
        node.put("type", "text");
        node.put("text", text);
        return node;
    }

    /** Bold text: a text node with the {@code strong} mark. */
    public static ObjectNode strong(String text) {
        ObjectNode node = text(text);
        node.putArray("marks").addObject().put("type", "strong");
        return node;
    }

    public static ObjectNode hardBreak() {
        ObjectNode node = NODES.objectNode();
        node.put("type", "hardBreak");
        return node;
    }

    /** Text split at line breaks into text nodes joined by hard breaks; blank lines kept as breaks only. */
    public static List<JsonNode> lines(String text) {
        List<JsonNode> inline = new ArrayList<>();
        if (text == null) {
            return inline;
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                inline.add(hardBreak());
            }
            if (!lines[i].isEmpty()) {
                inline.add(text(lines[i]));
            }
        }
        return inline;
    }

    private static ObjectNode node(String type, List<? extends JsonNode> content) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.set("content", array(content));
        return node;
    }

    private static ArrayNode array(List<? extends JsonNode> nodes) {
        ArrayNode array = NODES.arrayNode();
        nodes.forEach(array::add);
        return array;
    }
}
