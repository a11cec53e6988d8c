package io.lintas.tenant;

import java.util.List;

/** The tenant configuration cannot be used; the message lists every problem found. */
public class InvalidTenantConfiguration extends RuntimeException {

    private final List<String> problems;

    public InvalidTenantConfiguration(String source, List<String> problems) {
        super("Invalid tenant configuration in " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
