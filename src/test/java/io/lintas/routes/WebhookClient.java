package io.lintas.routes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls the running application over loopback, the way a sender or an admin would. */
final class WebhookClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    WebhookClient(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body, String... headers) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> form(String pathAndQuery, String urlEncodedBody, String... headers) {
        return post(pathAndQuery, "application/x-www-form-urlencoded", urlEncodedBody, headers);
    }

    HttpResponse<String> get(String pathAndQuery, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request.build());
    }

    HttpResponse<String> postAsUser(String pathAndQuery, String json, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to the application failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
