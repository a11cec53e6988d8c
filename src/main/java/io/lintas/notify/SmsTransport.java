package io.lintas.notify;

import io.lintas.tenant.NotificationsConfig;

/**
 * Posts one SMS request to the tenant's gateway (a connector). Returns the answer whatever its
 * status; throws {@link NotifyFailure.Transient} when the request surely did not leave (no
 * connection) and {@link NotifyFailure.OutcomeUnknown} when it may have (a timeout after sending).
 */
public interface SmsTransport {

    /** @param formBody the application/x-www-form-urlencoded body */
    SmsAnswer send(NotificationsConfig.Sms gateway, String formBody);
}
