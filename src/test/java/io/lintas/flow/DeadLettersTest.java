package io.lintas.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final DeadLetters deadLetters = new DeadLetters(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), 2);

    @Test
    void theAttemptIsReadFromTheMessageAsReceivedEvenAfterAStepReplacedTheHeaders() {
        Exchange third = received(3);
        Exchange second = received(2);

        QueueHeaders.reset(third.getMessage(), "01J", "acme", "html");
        QueueHeaders.reset(second.getMessage(), "01J", "acme", "html");

        assertThat(deadLetters.isLastAttempt(third)).isTrue();
        assertThat(deadLetters.isLastAttempt(second)).isFalse();
    }

    @Test
    void aDeadLetterNamesItsStageQueueTimeAndAMaskedReason() {
        Exchange exchange = received(3);
        exchange.getMessage().setHeader("JMSDestination", "ActiveMQQueue[lintas.intake]");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new IllegalStateException("duplicate key +6281234567890 for budi@example.co.id"));

        deadLetters.prepare(exchange);

        assertThat(exchange.getMessage().getHeader(QueueHeaders.DEAD_LETTER_QUEUE)).isEqualTo("lintas.dlq.intake");
        assertThat(exchange.getMessage().getHeader(QueueHeaders.FAILED_STAGE)).isEqualTo("intake");
        assertThat(exchange.getMessage().getHeader(QueueHeaders.FAILED_AT)).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(exchange.getMessage().getHeader(QueueHeaders.FAILURE_REASON, String.class))
                .startsWith("IllegalStateException: duplicate key")
                .doesNotContain("81234567890").doesNotContain("budi@")
                .contains("example.co.id");
    }

    @Test
    void aFailedAttemptIsDescribedForTheLog() {
        Exchange exchange = received(1);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RuntimeException("boom\n  at line"));

        deadLetters.describeAttempt(exchange);

        assertThat(exchange.getProperty(DeadLetters.ATTEMPT)).isEqualTo(1);
        assertThat(exchange.getProperty(DeadLetters.FAILURE)).isEqualTo("RuntimeException: boom at line");
    }

    @Test
    void stagesAndTheirQueues() {
        assertThat(Stages.ofDestination("queue://lintas.crm")).isEqualTo("crm");
        assertThat(Stages.ofDestination("lintas.billing")).isEqualTo("billing");
        assertThat(Stages.ofDestination(null)).isEqualTo("unknown");
        assertThat(Stages.queue("crm")).isEqualTo("lintas.crm");
        assertThat(Stages.isStage("intake")).isTrue();
        assertThat(Stages.isStage("dlq")).isFalse();
    }

    /** An exchange as the JMS consumer hands it over, with its unit of work keeping the message as received. */
    private static Exchange received(int deliveryCount) {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setAllowUseOriginalMessage(true);
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("JMSXDeliveryCount", deliveryCount);
        exchange.getIn().setBody("{}");
        exchange.getExchangeExtension().setUnitOfWork(new DefaultUnitOfWork(exchange));
        return exchange;
    }
}
