package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.LintasApplication;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

/**
 * routes/lead-pipeline.camel.yaml: a lead acknowledged while the pipeline is stopped waits on
 * the persistent intake queue, survives a restart of the whole application, and is processed
 * by the next run.
 */
class LeadPipelineRouteTest {

    @TempDir
    Path dataDir;

    @Test
    void aLeadAcknowledgedWhileThePipelineIsStoppedIsProcessedAfterARestart() throws Exception {
        String leadId;
        try (ConfigurableApplicationContext first = start()) {
            WebhookClient client = new WebhookClient(port(first));
            HttpResponse<String> response = client.post("/hooks/acme/forms/contact?token=acme-form-token",
                    "application/json", "{\"name\":\"Durable Dian\",\"phone\":\"0812-7777-8888\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            leadId = response.body().replaceAll(".*\"leadId\":\"([^\"]+)\".*", "$1");

            assertThat(first.getBean(LeadLedger.class).find(leadId)).isEmpty();
            assertThat(messagesOnIntakeQueueFor(first, leadId)).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start()) {
            CamelContext camel = second.getBean(CamelContext.class);
            NotifyBuilder processed = new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(1).create();

            camel.getRouteController().startRoute("lead-pipeline");

            assertThat(processed.matches(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.getBean(LeadLedger.class).find(leadId)).hasValueSatisfying(lead -> {
                assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED_CRM);
                assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo("+6281277778888");
            });
            assertThat(messagesOnIntakeQueueFor(second, leadId)).isZero();
        }
    }

    /** The application with a persistent broker journal and a file ledger, both in this test's directory. */
    private ConfigurableApplicationContext start() throws Exception {
        Files.createDirectories(dataDir);
        return new SpringApplicationBuilder(LintasApplication.class)
                .profiles("test")
                .run("--spring.artemis.embedded.persistent=true",
                        "--spring.artemis.embedded.data-directory=" + dataDir.resolve("artemis"),
                        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("ledger").toAbsolutePath()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--lintas.pipeline.auto-startup=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int messagesOnIntakeQueueFor(ConfigurableApplicationContext context, String leadId) {
        return QueueProbe.messagesFor(context.getBean(JmsTemplate.class), "lintas.intake", leadId);
    }
}
