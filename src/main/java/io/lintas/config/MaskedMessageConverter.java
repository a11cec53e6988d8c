package io.lintas.config;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.lintas.lead.Redaction;

/**
 * Logback's {@code %m} / {@code %msg} / {@code %message}, masked: phone numbers and emails in any log
 * line keep only their last three digits / their domain ({@link Redaction}). A safety net under the code's
 * own masking; registered by {@link LogMasking} before Spring Boot configures logging.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.mask(super.convert(event));
    }
}
