package io.lintas.flow;

import io.lintas.connector.bitrix24.Bitrix24Failure;
import io.lintas.connector.bitrix24.Bitrix24Requests;
import io.lintas.connector.bitrix24.Bitrix24Responses;
import io.lintas.connector.bitrix24.PortalRateLimiter;
import io.lintas.connector.bitrix24.RatePlan;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel side of the {@code bitrix24-rest-action} connector. The caller sets, as exchange
 * properties, the tenant's webhook URL ({@link #WEBHOOK_URL}), the method ({@link #METHOD}), its
 * parameters ({@link #PARAMS}: a map or a {@code Bitrix24Batch}), and the portal and its rate plan
 * ({@link #PORTAL}, {@link #RATE_PLAN}). After the call the body is the answer's {@code result} as
 * JSON, and the whole envelope is in {@link #ANSWER}.
 */
public class Bitrix24Rest {

    public static final String WEBHOOK_URL = "bitrix24WebhookUrl";
    public static final String METHOD = "bitrix24Method";
    public static final String PARAMS = "bitrix24Params";
    public static final String PORTAL = "bitrix24Portal";
    public static final String RATE_PLAN = "bitrix24RatePlan";
    /** Exchange property: the answer's bytes, exactly as the portal sent them. */
    public static final String ANSWER = "bitrix24Answer";
    /** Exchange property: the method the connector called (its {@code method} parameter). */
    public static final String CALLED = "bitrix24Called";
    /** Exchange property: true when the caller already took the portal's rate-limit place (the batcher does). */
    public static final String PERMIT_TAKEN = "bitrix24PermitTaken";

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24Rest.class);

    private final Bitrix24Requests requests;
    private final Bitrix24Responses responses;
    private final PortalRateLimiter limiter;
    private final Clock clock;

    public Bitrix24Rest(Bitrix24Requests requests, Bitrix24Responses responses, PortalRateLimiter limiter, Clock clock) {
        this.requests = requests;
        this.responses = responses;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * A JSON POST of the parameters. The message keeps its own headers (the connector's header
     * filter lets none of them out), except Camel's HTTP ones that would change the URL.
     */
    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("CamelHttp*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setHeader("User-Agent", Bitrix24Requests.USER_AGENT);
        message.setBody(requests.body(exchange.getProperty(PARAMS)));
    }

    /** Milliseconds to wait for the portal's bucket, one place taken. */
    public long permitDelay(Exchange exchange) {
        if (exchange.getProperty(PERMIT_TAKEN, false, Boolean.class)) {
            return 0;
        }
        Duration wait = limiter.reserve(portal(exchange), exchange.getProperty(CALLED, String.class), plan(exchange));
        if (!wait.isZero()) {
            LOG.debug("Bitrix24 portal {}: waiting {} ms for the rate limit", portal(exchange), wait.toMillis());
        }
        return wait.toMillis();
    }

    /**
     * The answer: on success the body becomes the {@code result} as JSON; a rate or time limit
     * slows the portal's limiter down before the transient failure is thrown.
     *
     * @throws Bitrix24Failure.Transient to retry later
     * @throws Bitrix24Failure.Permanent to give up at once
     */
    public void response(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = message.getBody(byte[].class);
        String method = exchange.getProperty(CALLED, String.class);
        exchange.setProperty(ANSWER, body);
        try {
            var envelope = responses.read(method, status, message.getHeader("Retry-After", String.class), body,
                    clock.instant());
            message.setBody(envelope.get("result").toString());
        } catch (Bitrix24Failure.Transient failure) {
            if (failure.methodExhausted()) {
                limiter.methodExhausted(portal(exchange), method, failure.pause());
                LOG.warn("Bitrix24 portal {}: {} used up its operating time ({}): it waits {} ms", portal(exchange),
                        method, failure.error(), failure.pause().toMillis());
            } else if (failure.throttled()) {
                limiter.throttled(portal(exchange), plan(exchange), failure.pause());
                LOG.warn("Bitrix24 portal {} pushed back on {} ({}): slowing down for {} ms", portal(exchange), method,
                        failure.error(), failure.pause().toMillis());
            }
            throw failure;
        }
    }

    private static String portal(Exchange exchange) {
        String portal = exchange.getProperty(PORTAL, String.class);
        if (portal == null) {
            throw new IllegalStateException("exchange property " + PORTAL + " is not set: the caller names the portal");
        }
        return portal;
    }

    private static RatePlan plan(Exchange exchange) {
        RatePlan plan = exchange.getProperty(RATE_PLAN, RatePlan.class);
        return plan == null ? RatePlan.STANDARD : plan;
    }
}
