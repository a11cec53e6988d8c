package io.lintas.tenant;

import java.util.List;
import java.util.function.UnaryOperator;

/** One IMAP mailbox of a tenant whose mail becomes leads. */
public record MailboxConfig() {

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static List<MailboxConfig> check(List<Model> models, String where, UnaryOperator<String> resolve,
            List<String> problems) {
        return models == null ? List.of() : models.stream().map(m -> new MailboxConfig()).toList();
    }
}
