package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a stage hands a message on: a consumer with the stage routes' endpoint options
 * ({@code transacted=true}, {@code cacheLevelName=CACHE_CONSUMER}) sends to the next queue on the
 * session it received on, in one local JMS transaction. The hand-off is invisible until the route
 * ends, a failed attempt takes its hand-off back with it, and the acknowledgement and the hand-off
 * commit together: a crash can neither lose the next stage's message nor (by itself) send it twice.
 * With Camel's default component (a JmsTransactionManager made on the fly) the send went out on the
 * transaction manager's session, committed after the consumer's own session had acknowledged; a
 * {@code kill -9} between the two lost the hand-off (MessagingConfig#jms).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JmsHandOffTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;
    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void aStagesHandOffCommitsWithTheAcknowledgementOfWhatItConsumed() throws Exception {
        List<String> duringRoute = new CopyOnWriteArrayList<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:handoff.in?transacted=true&cacheLevelName=CACHE_CONSUMER").routeId("handoff-probe")
                        .to("jms:queue:handoff.out")
                        .process(exchange -> {
                            // the session a send on this thread goes out on (JmsTemplate's lookup) is the one that received
                            JmsResourceHolder sending = (JmsResourceHolder) TransactionSynchronizationManager
                                    .getResource(jms.getConnectionFactory());
                            Session receiving = exchange.getIn(JmsMessage.class).getJmsSession();
                            duringRoute.add("out " + queue("handoff.out").getMessageCount() + ", in acknowledged "
                                    + queue("handoff.in").getMessagesAcknowledged() + ", one session "
                                    + (sending != null && sending.getSession() == receiving));
                            if (!exchange.getMessage().getHeader("JMSRedelivered", Boolean.class)) {
                                throw new IllegalStateException("the first attempt fails after its hand-off");
                            }
                        });
            }
        });
        NotifyBuilder failedOnce = new NotifyBuilder(camel).fromRoute("handoff-probe").whenFailed(1).create();
        NotifyBuilder completed = new NotifyBuilder(camel).fromRoute("handoff-probe").whenCompleted(1).create();

        jms.convertAndSend("handoff.in", "lead");

        assertThat(failedOnce.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(completed.matches(30, TimeUnit.SECONDS)).isTrue();
        // both attempts: their hand-off not yet on the next queue, their input not yet acknowledged, and both
        // in the one session that will commit them together
        assertThat(duringRoute).containsExactly("out 0, in acknowledged 0, one session true",
                "out 0, in acknowledged 0, one session true");
        // the failed attempt's hand-off went back with its rollback; the second one's committed with the ack
        JmsTemplate next = new JmsTemplate(jms.getConnectionFactory());
        next.setReceiveTimeout(2_000);
        assertThat(next.receiveAndConvert("handoff.out")).isEqualTo("lead");
        assertThat(next.receiveAndConvert("handoff.out")).as("a second hand-off").isNull();
        assertThat(queue("handoff.in").getMessagesAcknowledged()).isEqualTo(1);
        assertThat(queue("handoff.in").getMessageCount()).isZero();
    }

    private Queue queue(String name) {
        return broker.getActiveMQServer().locateQueue(name);
    }
}
