package io.lintas.intake;

/**
 * A request Lintas refuses, with the HTTP status and a reason the sender can act on.
 * Reasons never contain secrets or personal data.
 */
public class IntakeRejected extends RuntimeException {

    private final int status;

    public IntakeRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    public static IntakeRejected unauthorized(String reason) {
        return new IntakeRejected(401, reason);
    }

    public static IntakeRejected notFound(String reason) {
        return new IntakeRejected(404, reason);
    }

    public static IntakeRejected tooLarge(String reason) {
        return new IntakeRejected(413, reason);
    }

    public static IntakeRejected unsupportedType(String reason) {
        return new IntakeRejected(415, reason);
    }

    public static IntakeRejected unprocessable(String reason) {
        return new IntakeRejected(422, reason);
    }

    public static IntakeRejected badRequest(String reason) {
        return new IntakeRejected(400, reason);
    }
}
