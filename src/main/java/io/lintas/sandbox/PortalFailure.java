package io.lintas.sandbox;

/** A Bitrix24 error answer: HTTP status and the body {@code {"error","error_description"}} (contract A1). */
final class PortalFailure extends RuntimeException {

    final int status;
    final String error;
    final String description;

    PortalFailure(int status, String error, String description) {
        super(error + ": " + description, null, false, false);
        this.status = status;
        this.error = error;
        this.description = description;
    }

    /** The CRM style: an empty code, the meaning in the description (contract A1, "Important"). */
    static PortalFailure crm(String description) {
        return new PortalFailure(400, "", description);
    }
}
