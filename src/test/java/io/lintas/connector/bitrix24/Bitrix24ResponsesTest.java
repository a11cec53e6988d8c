package io.lintas.connector.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers from contract A1 (envelopes, system errors) and A5 (crm.lead.get). */
class Bitrix24ResponsesTest {

    static final Instant NOW = Instant.ofEpochSecond(1705765000);
    final Bitrix24Responses responses = new Bitrix24Responses(new ObjectMapper());

    @Test
    void theSuccessEnvelopeGivesTheResult() {
        JsonNode envelope = read(200, null, """
                {"result": 3465, "time": {"start": 1705764932.998683, "finish": 1705764937.173995,
                 "duration": 4.1753120422363281, "processing": 3.3076529502868652,
                 "date_start": "2024-01-20T18:35:32+01:00", "date_finish": "2024-01-20T18:35:37+01:00",
                 "operating_reset_at": 1705765533, "operating": 3.3076241016387939}}""");
        assertThat(envelope.get("result").asInt()).isEqualTo(3465);
    }

    @Test
    void aFalseOrEmptyResultIsStillAResult() {
        assertThat(read(200, null, "{\"result\":false}").get("result").asBoolean()).isFalse();
        assertThat(read(200, null, "{\"result\":[]}").get("result").isArray()).isTrue();
    }

    @Test
    void queryLimitExceededIsThrottledWithAPause() {
        Bitrix24Failure.Transient failure = transientFailure(503, null,
                "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        assertThat(failure.throttled()).isTrue();
        assertThat(failure.pause()).isEqualTo(Bitrix24Responses.DEFAULT_RATE_PAUSE);
        assertThat(failure.error()).isEqualTo("QUERY_LIMIT_EXCEEDED");
        assertThat(failure.description()).isEqualTo("Too many requests");
        assertThat(failure.getMessage()).contains("crm.lead.get").contains("HTTP 503").contains("Too many requests");
    }

    @Test
    void retryAfterIsHonouredUpToTwoMinutes() {
        String body = "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}";
        assertThat(transientFailure(503, "7", body).pause()).isEqualTo(Duration.ofSeconds(7));
        assertThat(transientFailure(503, "86400", body).pause()).isEqualTo(Bitrix24Responses.MAX_PAUSE);
        assertThat(transientFailure(503, "7", body).methodExhausted()).isFalse();
        assertThat(transientFailure(503, "Wed, 21 Oct 2015 07:28:00 GMT", body).pause())
                .isEqualTo(Bitrix24Responses.DEFAULT_RATE_PAUSE);
    }

    @Test
    void operationTimeLimitPausesUntilTheOperatingReset() {
        Bitrix24Failure.Transient failure = transientFailure(429, null,
                "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":\"Method is blocked due to operation time limit.\","
                        + "\"time\":{\"operating_reset_at\":1705765120}}");
        assertThat(failure.pause()).isEqualTo(Duration.ofSeconds(120));
        assertThat(failure.methodExhausted()).isTrue();
        assertThat(transientFailure(429, null, "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":\"x\"}").pause())
                .isEqualTo(Bitrix24Responses.DEFAULT_OPERATING_PAUSE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            500 | {"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}
            500 | {"error":"ERROR_UNEXPECTED_ANSWER","error_description":"Server returned an unexpected response."}
            502 | <html><body>Bad gateway</body></html>
            503 | <html><head><title>Service Unavailable</title></head></html>
            504 | ''
            408 | ''
            200 | <html>maintenance</html>
            200 | {"time":{}}
            """)
    void serverTroubleIsTransient(int status, String body) {
        Bitrix24Failure.Transient failure = transientFailure(status, null, body);
        assertThat(failure.throttled()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"error":"","error_description":"Not found"}                                        | Not found
            403 | {"error":"","error_description":"Access denied."}                                   | Access denied.
            401 | {"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}            | Wrong authorization data
            401 | {"error":"expired_token","error_description":"The access token provided has expired."} | The access token provided has expired.
            403 | {"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the webhook token"} | The request requires higher privileges than provided by the webhook token
            403 | {"error":"INVALID_CREDENTIALS","error_description":"Invalid request credentials"}  | Invalid request credentials
            403 | {"error":"ACCESS_DENIED","error_description":"REST API is available only on commercial plans."} | REST API is available only on commercial plans.
            503 | {"error":"OVERLOAD_LIMIT","error_description":"REST API is blocked due to overload."} | REST API is blocked due to overload.
            400 | {"error":"INVALID_REQUEST","error_description":"Https required."}                   | Https required.
            400 | {"error":"ERROR_BATCH_LENGTH_EXCEEDED","error_description":"Max batch length exceeded"} | Max batch length exceeded
            405 | {"error":"ERROR_BATCH_METHOD_NOT_ALLOWED","error_description":"Method is not allowed for batch usage"} | Method is not allowed for batch usage
            400 | {"error":"","error_description":"Parameter 'fields' must be array."}                | Parameter 'fields' must be array.
            400 | <html>bad request</html>                                                            | answer is not JSON (HTTP 400)
            """)
    void requestCredentialAndPlanErrorsArePermanent(int status, String body, String description) {
        assertThatThrownBy(() -> read(status, null, body))
                .isInstanceOfSatisfying(Bitrix24Failure.Permanent.class, failure -> {
                    assertThat(failure.description()).isEqualTo(description);
                    assertThat(failure.getMessage()).contains("error_description='" + description + "'");
                });
    }

    @Test
    void anErrorInA200IsNotTakenForAResult() {
        assertThatThrownBy(() -> read(200, null, "{\"error\":\"ACCESS_DENIED\",\"error_description\":\"no\",\"result\":null}"))
                .isInstanceOf(Bitrix24Failure.Permanent.class);
    }

    private JsonNode read(int status, String retryAfter, String body) {
        return responses.read("crm.lead.get", status, retryAfter, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private Bitrix24Failure.Transient transientFailure(int status, String retryAfter, String body) {
        try {
            read(status, retryAfter, body);
        } catch (Bitrix24Failure.Transient failure) {
            return failure;
        }
        throw new AssertionError("expected a transient failure for HTTP " + status + " " + body);
    }
}
