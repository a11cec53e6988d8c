package io.lintas.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short versions of the reliability harness (the long ones: {@code bench/reliability.sh}): the same code, with
 * the hub as a real child process started from this test's classpath ({@code java -cp target/classes:<deps>
 * io.lintas.LintasApplication}, the jar does not exist yet in the test phase), its data in a directory of its own,
 * and the stand-ins in this JVM, outside the hub, so a {@code kill -9} of the hub loses nothing they recorded.
 * A process, not the Spring context of a test: only a real process can be killed with -9 and restarted on its own
 * Artemis journal and H2 file.
 */
class ReliabilityHarnessTest {

    Reliability.Options options;

    @BeforeEach
    void options() {
        options = new Reliability.Options();
        options.launch = List.of("-cp", Hub.appClasspath(), "io.lintas.LintasApplication");
        options.runDir = Path.of("target", "reliability-test-" + System.currentTimeMillis()).toAbsolutePath();
        options.heap = "512m";
        options.seed = 42;
    }

    /** Only when the test passed: a failed run keeps the hub's app.log and data for the report. */
    void cleanUp() throws Exception {
        Reliability.deleteTree(options.runDir);
    }

    @Test
    void everyAckedLeadReachesTheCrmExactlyOnceThroughTwoKillsOfTheHub() throws Exception {
        options.leads = 300;
        options.rate = 20;
        options.kills = 2;
        options.connections = 4;

        Reliability.CrashResult r = Reliability.crash(options);

        r.print(System.out);
        assertThat(r.kills()).hasSize(2);
        assertThat(r.accepted()).as("leads acked").isGreaterThan(50);
        assertThat(r.failures()).as("lost or duplicated").isEmpty();
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.delivered()).isEqualTo(r.accepted());
        cleanUp();
    }

    @Test
    void aTenSecondCrmOutageIsRiddenOutWithBackoffAndNothingTwice() throws Exception {
        options.outageSeconds = 10;
        options.outageRate = 5;
        options.warmupSeconds = 5;

        Reliability.OutageResult r = Reliability.outage(options);

        r.print(System.out);
        assertThat(r.accepted()).isGreaterThan(40);
        assertThat(r.requestsDuringOutage()).as("the hub kept trying during the outage").isPositive();
        assertThat(r.failures()).as("lost or duplicated").isEmpty();
        assertThat(r.delivered()).isEqualTo(r.accepted());
        cleanUp();
    }

    @Test
    void paymentCallbacksDeliveredThreeTimesMakeOneTransitionAndOneNotificationEach() throws Exception {
        options.invoices = 9; // Xendit, Midtrans, Stripe x in order, out of order, expired in between

        CallbackScenario.Result r = CallbackScenario.run(options);

        r.print(System.out);
        assertThat(r.invoices()).isEqualTo(9);
        assertThat(r.callbacksAccepted()).as("every copy of every callback answered 2xx").isEqualTo(27);
        assertThat(r.failures()).isEmpty();
        assertThat(r.receipts().values()).containsOnly(1);
        cleanUp();
    }
}
