package io.lintas.notify;

import java.io.IOException;
import java.util.Map;

/** POSTs one signed webhook attempt. */
public interface WebhookTransport {

    /** The subscriber's answer; {@code retryAfter} is its Retry-After header or null. */
    record Answer(int status, String retryAfter) {
    }

    /** @throws IOException no answer (refused, timed out) */
    Answer post(String url, Map<String, String> headers, String body) throws IOException;
}
