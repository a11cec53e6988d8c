package io.lintas.tenant;

/** The wire format a form endpoint speaks. */
public enum FormKind {
    /** Tilda webhook: form-urlencoded or JSON, {@code tranid} key, {@code test=test} probe, optional API key. */
    TILDA,
    /** Typeform webhook: JSON, {@code Typeform-Signature} HMAC, {@code form_response.token} key. */
    TYPEFORM,
    /** Elementor Pro webhook action: form-urlencoded, label-keyed or "advanced data" fields, exactly 200. */
    ELEMENTOR,
    /** A plain HTML form (urlencoded, multipart or JSON) authenticated by a per-form token. */
    HTML
}
