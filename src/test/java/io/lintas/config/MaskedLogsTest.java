package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.slf4j.LoggerFactory;

/** The logback safety net: whatever a line says, the full phone number and email do not get out. */
class MaskedLogsTest {

    @Test
    void everyMessageConversionWordIsMasked() {
        LogMasking.register();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String word : new String[] {"m", "msg", "message"}) {
            PatternLayout layout = new PatternLayout();
            layout.setContext(context);
            layout.setPattern("%level %" + word);
            layout.start();
            LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO,
                    "caller {} wrote from {}", null, new Object[] {"+62 812-3456-7890", "Budi.Santoso@Example.CO.ID"});

            String line = layout.doLayout(event);

            assertThat(line).as(word).isEqualTo("INFO caller ***890 wrote from ***@Example.CO.ID");
        }
    }

    @Test
    void theSameLineWithoutPersonalDataIsUntouched() {
        assertThat(new MaskedMessageConverter().convert(new LoggingEvent("test",
                ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("test"), Level.INFO,
                "lead 01JDLVR0NEWXYZ tenant=acme stage=IN_CRM detail=Bitrix24 lead 3465 created", null, null)))
                .isEqualTo("lead 01JDLVR0NEWXYZ tenant=acme stage=IN_CRM detail=Bitrix24 lead 3465 created");
    }

    @Test
    void jsonLinesOfTheEcsFormatAreMaskedByTheConfiguredCustomizer() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.json.customizer", MaskedJsonLogs.class.getName())
                .withProperty("spring.application.name", "lintas"));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.lintas.test"), Level.INFO,
                "lead {} tenant=acme caller {} wrote from {}", null,
                new Object[] {"01JLEAD", "+6281234567890", "budi@example.co.id"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{").contains("\"message\":\"lead 01JLEAD tenant=acme caller ***890 wrote from ***@example.co.id\"")
                .doesNotContain("+6281234567890").doesNotContain("budi@");
    }
}
