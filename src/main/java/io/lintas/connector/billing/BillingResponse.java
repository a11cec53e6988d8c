package io.lintas.connector.billing;

/** A provider's answer: the HTTP status and the body as it came. */
public record BillingResponse(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
