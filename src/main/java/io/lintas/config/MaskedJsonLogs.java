package io.lintas.config;

import io.lintas.lead.Redaction;
import java.util.Set;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The JSON logs' safety net ({@code logging.structured.json.customizer}): the message and stack-trace
 * members of every ECS / Logstash / GELF line are masked like the plain-text ones ({@link Redaction}).
 */
public class MaskedJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

    private static final Set<String> MASKED = Set.of("message", "short_message", "full_message", "stack_trace",
            "_error_stack_trace");

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redaction::mask)
                .whenHasPath(path -> path != null && MASKED.contains(path.name())));
    }
}
