package io.lintas.flow;

import io.lintas.intake.IntakeRejected;
import io.lintas.lead.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a webhook caller hears when its request is not accepted. */
public class WebhookReplies {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReplies.class);
    static final String RETRY_AFTER_SECONDS = "30";

    /** A 4xx with the reason the intake gave. */
    public void rejected(Exchange exchange) {
        IntakeRejected rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, IntakeRejected.class);
        LOG.info("webhook {} refused with {}: {}", path(exchange), rejection.status(), rejection.reason());
        answer(exchange, rejection.status(), rejection.reason());
    }

    /** The queue cannot take the lead: 503 so the sender retries later. Nothing was accepted. */
    public void unavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("webhook {} answered 503, broker unavailable: {}", path(exchange),
                Redaction.mask(String.valueOf(cause)));
        answer(exchange, 503, "temporarily unable to accept leads; retry later");
        exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    /** A bug of ours, not the sender's: 500 without details; the log has them, masked. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("webhook {} failed: {}", path(exchange), Redaction.mask(String.valueOf(cause)));
        answer(exchange, 500, "internal error; the request was not accepted, retry later");
    }

    private static void answer(Exchange exchange, int status, String reason) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"status\":" + status + ",\"reason\":\"" + jsonEscape(reason) + "\"}");
    }

    private static String path(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    }

    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
