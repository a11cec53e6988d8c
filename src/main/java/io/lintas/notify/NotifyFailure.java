package io.lintas.notify;

/**
 * Why a notice could not be sent on a channel. The notify route's error handling reads the type:
 * {@link Transient} is redelivered with backoff (nothing was sent), {@link Permanent} and
 * {@link OutcomeUnknown} go to {@code lintas.dlq.notify} at once with the reason, for an operator.
 */
public abstract class NotifyFailure extends RuntimeException {

    protected NotifyFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Nothing was sent and trying again later may work (connection refused, 429, SMTP down). */
    public static final class Transient extends NotifyFailure {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Nothing was sent and trying again will not help (bad number, bad credentials, refused address). */
    public static final class Permanent extends NotifyFailure {
        public Permanent(String message) {
            super(message, null);
        }
    }

    /**
     * The provider may have sent it (a timeout, a 5xx, a crash between the call and its record):
     * sending again could send it twice, so an operator checks the provider's log first.
     */
    public static final class OutcomeUnknown extends NotifyFailure {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
