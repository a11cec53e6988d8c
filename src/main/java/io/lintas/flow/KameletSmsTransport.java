package io.lintas.flow;

import io.lintas.notify.NotifyFailure;
import io.lintas.notify.SmsAnswer;
import io.lintas.notify.SmsTransport;
import io.lintas.tenant.NotificationsConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * Sends SMS requests through the {@code twilio-sms-action} and {@code smsru-sms-action} connectors.
 * The endpoint differs only by account, never by message, so the connectors make a bounded number
 * of routes. No connection: transient (nothing left). Any other failure (a timeout after the
 * request was written): the outcome is unknown.
 */
public class KameletSmsTransport implements SmsTransport {

    private final ConnectorEndpoints endpoints;
    private final int timeoutMillis;

    public KameletSmsTransport(ConnectorEndpoints endpoints, int timeoutMillis) {
        this.endpoints = endpoints;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public SmsAnswer send(NotificationsConfig.Sms gateway, String formBody) {
        Exchange answer = endpoints.send(uri(gateway, timeoutMillis), exchange -> exchange.getIn().setBody(formBody));
        Exception failure = answer.getException();
        String provider = gateway.provider().name().toLowerCase(java.util.Locale.ROOT);
        if (failure != null) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConnectException || t instanceof HttpHostConnectException || t instanceof UnknownHostException
                        || t instanceof NoRouteToHostException || t instanceof ConnectTimeoutException) {
                    throw new NotifyFailure.Transient(provider + " not reachable: " + t.getMessage(), failure);
                }
            }
            throw new NotifyFailure.OutcomeUnknown(provider + " call failed after sending: " + failure, failure);
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new NotifyFailure.OutcomeUnknown(provider + ": no HTTP status in the connector's answer", null);
        }
        return new SmsAnswer(status, answer.getMessage().getBody(String.class));
    }

    static String uri(NotificationsConfig.Sms gateway, int timeoutMillis) {
        return switch (gateway.provider()) {
            case TWILIO -> "kamelet:twilio-sms-action"
                    + "?baseUrl=RAW(" + gateway.twilio().baseUrl() + ")"
                    + "&accountSid=RAW(" + gateway.twilio().accountSid() + ")"
                    + "&authToken=RAW(" + gateway.twilio().authToken() + ")"
                    + "&responseTimeout=" + timeoutMillis;
            case SMSRU -> "kamelet:smsru-sms-action"
                    + "?baseUrl=RAW(" + gateway.smsru().baseUrl() + ")"
                    + "&apiKey=RAW(" + gateway.smsru().apiId() + ")"
                    + "&responseTimeout=" + timeoutMillis;
        };
    }
}
