package io.lintas.intake;

import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds requests and form configurations for the parser tests. */
final class TestRequests {

    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";

    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, List<String>> query = new HashMap<>();

    private TestRequests(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
    }

    static TestRequests post(String contentType, String body) {
        return new TestRequests(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static TestRequests post(String contentType, byte[] body) {
        return new TestRequests(contentType, body);
    }

    TestRequests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TestRequests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    InboundRequest build() {
        return new InboundRequest("https://hub.example/hooks/acme/forms/contact", contentType, headers, query, body);
    }

    static byte[] fixture(String path) {
        try (InputStream in = TestRequests.class.getResourceAsStream("/intake/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String path) {
        return new String(fixture(path), StandardCharsets.UTF_8);
    }

    static FormConfig form(FormKind kind) {
        return new FormConfig("contact", kind, null, null, null, null, null, Map.of());
    }

    static FormConfig withToken(FormKind kind, String token) {
        return new FormConfig("contact", kind, token, null, null, null, null, Map.of());
    }
}
