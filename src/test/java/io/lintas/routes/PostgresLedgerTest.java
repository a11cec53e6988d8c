package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real PostgreSQL instead of the embedded H2: Flyway migrates it on
 * start, and a lead goes from the webhook into the ledger there, once.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class PostgresLedgerTest {

    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aTildaLeadPostedTwiceIsOneLeadInPostgres() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success", Integer.class)).isZero();
        assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL", String.class))
                .contains("1", "2");
        String body = "Name=Putri&Phone=0812-9999-1234&tranid=1111111%3A42";
        NotifyBuilder processed = new NotifyBuilder(camel).fromRoute("lead-pipeline").whenDone(2).create();
        WebhookClient client = new WebhookClient(port);

        HttpResponse<String> first = client.form("/hooks/acme/forms/tilda", body, "X-API-Key", "acme-tilda-key");
        HttpResponse<String> second = client.form("/hooks/acme/forms/tilda", body, "X-API-Key", "acme-tilda-key");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(processed.matches(30, TimeUnit.SECONDS)).isTrue();
        String leadId = ledger.findBySourceEvent("acme", "tilda", "1111111:42").orElseThrow();
        assertThat(ledger.find(leadId)).hasValueSatisfying(lead -> {
            assertThat(lead.status()).isEqualTo(LeadStatus.QUEUED_CRM);
            assertThat(lead.touches()).hasSize(1);
            assertThat(lead.lead().at("/contact/phones/0").asText()).isEqualTo("+6281299991234");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE tenant = 'acme'", Integer.class)).isEqualTo(1);
    }
}
