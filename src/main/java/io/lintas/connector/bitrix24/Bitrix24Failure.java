package io.lintas.connector.bitrix24;

import java.time.Duration;

/**
 * A Bitrix24 REST call that did not give a result, with the portal's own {@code error} and
 * {@code error_description}. {@link Transient} failures are worth retrying later; {@link Permanent}
 * ones are not (a bad field, a missing record, a webhook without the scope) and go to the
 * dead-letter queue at once.
 */
public abstract class Bitrix24Failure extends RuntimeException {

    private final String method;
    private final int httpStatus;
    private final String error;
    private final String description;

    protected Bitrix24Failure(String method, int httpStatus, String error, String description, String kind) {
        super("Bitrix24 " + method + " failed (" + kind + "): HTTP " + httpStatus + " error='" + nullToEmpty(error)
                + "' error_description='" + nullToEmpty(description) + "'", null, false, false);
        this.method = method;
        this.httpStatus = httpStatus;
        this.error = nullToEmpty(error);
        this.description = nullToEmpty(description);
    }

    public String method() {
        return method;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Bitrix24's {@code error} code as sent; often empty for CRM errors. */
    public String error() {
        return error;
    }

    /** Bitrix24's {@code error_description} as sent. */
    public String description() {
        return description;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Retry later: timeouts, 5xx, rate and operating-time limits. */
    public static class Transient extends Bitrix24Failure {

        private final Duration pause;

        public Transient(String method, int httpStatus, String error, String description, Duration pause) {
            super(method, httpStatus, error, description, pause == null ? "transient" : "throttled");
            this.pause = pause;
        }

        /** How long the portal asked us to back off, or null when it is not a rate or time limit. */
        public Duration pause() {
            return pause;
        }

        public boolean throttled() {
            return pause != null;
        }

        /** 429 OPERATION_TIME_LIMIT: this method's operating-time budget is used up, not the portal's rate. */
        public boolean methodExhausted() {
            return "operation_time_limit".equalsIgnoreCase(error());
        }
    }

    /** Retrying cannot help: the request, the credentials or the record is wrong. */
    public static class Permanent extends Bitrix24Failure {

        public Permanent(String method, int httpStatus, String error, String description) {
            super(method, httpStatus, error, description, "permanent");
        }
    }
}
