package io.lintas.intake;

import io.lintas.tenant.FormConfig;
import io.lintas.tenant.Secrets;
import java.util.List;
import java.util.Map;

/** Credential and honeypot checks the form parsers share. */
final class FormGuards {

    /** The header a per-form token may travel in. */
    static final String TOKEN_HEADER = "X-Lintas-Token";

    private FormGuards() {
    }

    /** True when any of the given candidates equals the expected secret; every candidate is compared, in constant time. */
    static boolean anyMatches(String expected, String... candidates) {
        boolean matched = false;
        for (String candidate : candidates) {
            matched |= Secrets.matches(expected, candidate);
        }
        return matched;
    }

    static boolean isSet(String secret) {
        return secret != null && !secret.isEmpty();
    }

    /** A sender's idempotency key as given, stripped; null when absent or blank. */
    static String idempotencyKey(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The first value of a body field, or null. */
    static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Why this submission is spam by the form's honeypot, or null. The field name is compared
     * case-insensitively; any non-blank value trips it.
     */
    static String honeypotReason(Map<String, List<String>> fields, FormConfig form) {
        String honeypot = form.honeypot();
        if (honeypot == null || honeypot.isBlank()) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : fields.entrySet()) {
            if (entry.getKey().strip().equalsIgnoreCase(honeypot.strip())) {
                for (String value : entry.getValue()) {
                    if (value != null && !value.isBlank()) {
                        return "honeypot field '" + honeypot + "' filled";
                    }
                }
            }
        }
        return null;
    }
}
