package io.lintas.tenant;

import java.util.Map;

/**
 * One web-form endpoint of a tenant: {@code POST /hooks/{tenant}/forms/{id}}.
 *
 * @param id           the {form} path segment
 * @param kind         wire format
 * @param token        per-form token (HTML, Elementor; optional for Tilda): {@code ?token=},
 *                     header {@code X-Lintas-Token} or field {@code _token}
 * @param apiKey       Tilda API key, checked when set
 * @param apiKeyHeader header carrying the Tilda API key (default {@code X-API-Key})
 * @param secret       Typeform webhook secret (HMAC key)
 * @param honeypot     name of a hidden field that humans leave empty, or null
 * @param fields       per-form field overrides: sender field name → canonical name
 *                     (name, first_name, last_name, phone, email, message, company, consent, utm_*)
 */
public record FormConfig(
        String id,
        FormKind kind,
        String token,
        String apiKey,
        String apiKeyHeader,
        String secret,
        String honeypot,
        Map<String, String> fields) {

    public FormConfig {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? "X-API-Key" : apiKeyHeader;
    }

    /** Secrets never appear in logs: this is what a log line or error message may show. */
    @Override
    public String toString() {
        return "FormConfig[id=" + id + ", kind=" + kind
                + ", token=" + Secrets.mask(token) + ", apiKey=" + Secrets.mask(apiKey)
                + ", secret=" + Secrets.mask(secret) + ", honeypot=" + honeypot + ", fields=" + fields + "]";
    }
}
