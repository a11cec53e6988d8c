package io.lintas.intake;

import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;

/** Verifies and parses one web-form wire format. Implementations are plain Java and stateless. */
public interface FormParser {

    /** The wire format this parser speaks. */
    FormKind kind();

    /**
     * Verifies the request as the sender defines (token, API key or signature, in constant time)
     * and maps its fields.
     *
     * @throws IntakeRejected with 401 (bad credentials), 415 (content type), 400/422 (unparseable)
     */
    ParsedSubmission parse(InboundRequest request, FormConfig form);
}
