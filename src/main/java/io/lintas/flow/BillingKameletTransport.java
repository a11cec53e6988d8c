package io.lintas.flow;

import io.lintas.connector.billing.BillingCall;
import io.lintas.connector.billing.BillingException;
import io.lintas.connector.billing.BillingResponse;
import io.lintas.connector.billing.BillingTransport;
import io.lintas.tenant.BillingConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.Exchange;

/**
 * Sends payment-provider calls through the {@code <provider>-rest-action} connectors. The endpoint differs only by
 * provider, base URL and timeout, never by call: method, path, query, content type, the Authorization value and the
 * Idempotency-Key travel as exchange properties, so no secret is in an endpoint URI and routes stay few. Called with
 * {@code noErrorHandler=true}: a failure comes back here, not into the caller's dead-lettering.
 */
public class BillingKameletTransport implements BillingTransport {

    public static final String METHOD = "billingMethod";
    public static final String PATH = "billingPath";
    public static final String QUERY = "billingQuery";
    public static final String CONTENT_TYPE = "billingContentType";
    public static final String AUTHORIZATION = "billingAuthorization";
    public static final String IDEMPOTENCY_KEY = "billingIdempotencyKey";

    private final ConnectorEndpoints endpoints;

    public BillingKameletTransport(ConnectorEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public BillingResponse send(BillingConfig billing, BillingCall call) {
        Exchange answer = endpoints.send(uri(billing), exchange -> {
            exchange.setProperty(METHOD, call.method());
            exchange.setProperty(PATH, call.path());
            exchange.setProperty(QUERY, call.query() == null ? "" : call.query());
            exchange.setProperty(CONTENT_TYPE, call.contentType() == null ? "application/json" : call.contentType());
            exchange.setProperty(AUTHORIZATION, authorization(billing));
            if (call.idempotencyKey() != null) {
                exchange.setProperty(IDEMPOTENCY_KEY, call.idempotencyKey());
            }
            exchange.getIn().setBody(call.body());
        });
        if (answer.getException() != null) {
            throw new BillingException.Unclear(call.describe() + " to " + billing.provider() + " got no answer: "
                    + answer.getException().getClass().getSimpleName(), answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new BillingException.Unclear(call.describe() + ": no HTTP status in the connector's answer", null);
        }
        return new BillingResponse(status, answer.getMessage().getBody(String.class));
    }

    /** Xendit and Midtrans: Basic with the secret key and an empty password; Stripe: Bearer. */
    static String authorization(BillingConfig billing) {
        if ("stripe".equals(billing.provider())) {
            return "Bearer " + billing.secretKey();
        }
        return "Basic " + Base64.getEncoder().encodeToString((billing.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
    }

    static String uri(BillingConfig billing) {
        return "kamelet:" + billing.provider() + "-rest-action"
                + "?baseUrl=RAW(" + billing.baseUrl() + ")"
                + "&responseTimeout=" + billing.timeout().toMillis()
                + "&noErrorHandler=true";
    }
}
