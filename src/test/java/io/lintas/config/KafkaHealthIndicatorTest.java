package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The readiness check of the Kafka intake, against an in-JVM KRaft broker and against nothing. */
class KafkaHealthIndicatorTest {

    @Test
    void upWithTheClusterWhenTheBrokerAnswers() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(broker.getBrokersAsString(), Duration.ofSeconds(10));
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("nodes", 1).containsKey("clusterId")
                    .containsEntry("brokers", broker.getBrokersAsString());
        } finally {
            indicator.destroy();
            broker.destroy();
        }
    }

    @Test
    void downWithinItsTimeoutWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        KafkaHealthIndicator indicator = new KafkaHealthIndicator("127.0.0.1:" + port, Duration.ofMillis(800));
        try {
            long started = System.nanoTime();
            Health health = indicator.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error").containsEntry("brokers", "127.0.0.1:" + port);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            indicator.destroy();
        }
    }
}
