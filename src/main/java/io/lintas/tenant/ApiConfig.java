package io.lintas.tenant;

import java.util.List;
import java.util.function.UnaryOperator;

/** A tenant's lead API ({@code POST /api/leads}) and Kafka intake settings. */
public record ApiConfig() {

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static ApiConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        return model == null ? null : new ApiConfig();
    }
}
