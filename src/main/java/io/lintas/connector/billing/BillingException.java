package io.lintas.connector.billing;

/** A provider call that did not give what was asked. */
public class BillingException extends RuntimeException {

    public BillingException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The outcome is unknown (timeout, lost connection, 5xx, 429): the call may have been applied. Before a
     * create is tried again the invoice is looked up at the provider. The broker redelivers later.
     */
    public static class Unclear extends BillingException {
        public Unclear(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider refused the call (4xx other than 429): trying again gives the same answer. */
    public static class Refused extends BillingException {
        public Refused(String message) {
            super(message, null);
        }
    }

    /** A status and body as an exception: Unclear for 5xx and 429, Refused otherwise. */
    public static BillingException of(BillingCall call, BillingResponse response) {
        String body = response.body() == null ? "" : response.body();
        String what = call.describe() + " answered " + response.status() + ": "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        return response.status() >= 500 || response.status() == 429 || response.status() == 202
                ? new Unclear(what, null) : new Refused(what);
    }
}
