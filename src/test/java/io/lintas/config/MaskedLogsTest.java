package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
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
}
