package io.lintas.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import io.lintas.flow.MailboxRoutes;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.LeadStatus;
import io.lintas.ledger.SqlAttachmentStore;
import io.lintas.ledger.StoredLead;
import io.lintas.tenant.MailboxConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * routes/intake-email.camel.yaml against the real application and a real IMAP server (GreenMail on
 * loopback): mailboxes start and stop with the tenant configuration, mail becomes leads in the
 * ledger exactly once, and a mail is flagged seen only after its envelope is durable.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeEmailRouteTest {

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort())
            .withPerMethodLifecycle(false);

    /** A password that breaks any endpoint URI that is not built with care. */
    private static final String PASSWORD = "p&ss+w%rd=(1)?";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    TenantRegistry tenants;
    @Autowired
    LeadLedger ledger;
    @Autowired
    SqlAttachmentStore attachments;
    @Autowired
    MailboxRoutes mailboxRoutes;
    @Autowired
    ObjectMapper json;

    private String tenantId;

    @AfterEach
    void removeTenant() {
        if (tenantId != null) {
            tenants.remove(tenantId);
        }
    }

    @Test
    void aMailBecomesOneLeadEvenWhenDeliveredTwiceAndIsFlaggedSeen() throws Exception {
        GreenMailUser user = mailbox("mail-once", "leads-once");

        deliver(user, "utf8-quoted-printable.eml");
        deliver(user, "utf8-quoted-printable.eml");

        await().atMost(WAIT).until(() -> ledger.findBySourceEvent(tenantId, "email", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>")
                .flatMap(ledger::find).map(lead -> !lead.touches().isEmpty()).orElse(false));
        String leadId = ledger.findBySourceEvent(tenantId, "email", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>").orElseThrow();
        StoredLead stored = ledger.find(leadId).orElseThrow();
        assertThat(stored.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.DUPLICATE));

        HttpResponse<String> response = new WebhookClient(port).get("/api/leads/" + leadId, "admin", "test-admin-password");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode lead = json.readTree(response.body()).path("lead");
        assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo(LeadStatus.QUEUED_CRM);
        assertThat(lead.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(lead.path("source").asText()).isEqualTo("email");
        assertThat(lead.path("sourceEventId").asText()).isEqualTo("<CAF3x7qNb5tY8z0@mail.majujaya.co.id>");
        assertThat(lead.at("/contact/fullName").asText()).isEqualTo("Dewi Kartika Sari — PT Maju Jaya");
        assertThat(lead.at("/contact/emails/0").asText()).isEqualTo("dewi.sari@majujaya.co.id");
        assertThat(lead.at("/contact/phones").toString()).isEqualTo("[\"+6281234567890\",\"+622155501234\"]");
        assertThat(lead.at("/attributes/subject").asText()).isEqualTo("Permintaan penawaran: paket \"Pro\" — 25 pengguna");
        assertThat(lead.path("message").asText()).startsWith("Halo tim Acme,");

        await().atMost(WAIT).until(() -> inbox(user).stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));
        assertThat(inbox(user)).hasSize(2);
    }

    @Test
    void repliesAttachmentsAndMailThatIsNotALead() throws Exception {
        GreenMailUser user = mailbox("mail-mix", "leads-mix");
        deliver(user, "utf8-quoted-printable.eml");
        await().atMost(WAIT).until(() -> ledger.findBySourceEvent(tenantId, "email", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>")
                .isPresent());
        String original = ledger.findBySourceEvent(tenantId, "email", "<CAF3x7qNb5tY8z0@mail.majujaya.co.id>").orElseThrow();

        List<String> skippedIds = List.of("<autoreply-91a2@klien.example.id>", "<20261124050500.ABC1@mx.acme.co.id>",
                "<newsletter-2026-47@industry-weekly.example>", "<internal-55aa@acme.co.id>");
        for (String fixture : List.of("reply.eml", "auto-reply.eml", "bounce.eml", "list-mail.eml", "own-domain.eml",
                "nested-multipart-attachments.eml")) {
            deliver(user, fixture);
        }
        await().atMost(WAIT).until(() -> !ledger.find(original).orElseThrow().touches().isEmpty()
                && ledger.findBySourceEvent(tenantId, "email", "<nested-3e5f9a@sinar-abadi.co.id>").isPresent()
                && skippedIds.stream().allMatch(id -> ledger.findBySourceEvent(tenantId, "email", id).isPresent()));

        StoredLead thread = ledger.find(original).orElseThrow();
        assertThat(thread.touches()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(LeadStatus.REPLY));
        assertThat(ledger.findBySourceEvent(tenantId, "email", "<CAF3x7qNb5tY8z1-reply@mail.majujaya.co.id>"))
                .as("a reply is a touch on its lead, not a lead").isEmpty();

        for (String skipped : skippedIds) {
            StoredLead lead = ledger.find(ledger.findBySourceEvent(tenantId, "email", skipped).orElseThrow()).orElseThrow();
            assertThat(lead.status()).as(skipped).isEqualTo(LeadStatus.SKIPPED);
            assertThat(lead.journey().get(lead.journey().size() - 1).detail()).as(skipped).isNotBlank();
        }

        StoredLead withFiles = ledger.find(ledger.findBySourceEvent(tenantId, "email", "<nested-3e5f9a@sinar-abadi.co.id>")
                .orElseThrow()).orElseThrow();
        JsonNode a = withFiles.lead().path("attributes");
        assertThat(withFiles.lead().at("/contact/emails/0").asText()).isEqualTo("rina.wulandari@sinar-abadi.co.id");
        assertThat(withFiles.lead().at("/contact/phones/0").asText()).isEqualTo("+6285712345678");
        assertThat(a.path("attachment_2_name").asText()).isEqualTo("Kebutuhan—spesifikasi.pdf");
        assertThat(attachments.find(tenantId, a.path("attachment_2_ref").asText())).hasValueSatisfying(file -> {
            assertThat(file.contentType()).isEqualTo("application/pdf");
            assertThat(new String(file.content(), java.nio.charset.StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        });
        assertThat(a.path("attachment_3_skipped").asText()).contains("4096-byte attachment cap");
        WebhookClient admin = new WebhookClient(port);
        HttpResponse<String> download = admin.get("/api/leads/" + withFiles.id() + "/attachments/2", "viewer", "test-viewer-password");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).startsWith("%PDF-1.4");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        HttpResponse<String> oversized = admin.get("/api/leads/" + withFiles.id() + "/attachments/3", "viewer", "test-viewer-password");
        assertThat(oversized.statusCode()).isEqualTo(404);
        assertThat(a.has("attachment_3_ref")).isFalse();
        assertThat(withFiles.lead().toString()).as("no attachment bytes in the lead").doesNotContain("JVBERi0");
    }

    @Test
    void aFailureBeforeTheEnvelopeIsDurableLeavesTheMailUnseenAndItIsReadAgain() throws Exception {
        GreenMailUser user = mailbox("mail-fail", "leads-fail", "RU");
        String routeId = MailboxRoutes.routeId(tenantId, "sales");
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        AdviceWith.adviceWith(camel, routeId, route -> route.weaveById("durable-mail-intake").before().process(exchange -> {
            if (brokerDown.get()) {
                throw new IllegalStateException("broker unavailable (test)");
            }
        }));
        NotifyBuilder failedTwice = new NotifyBuilder(camel).fromRoute(routeId).whenFailed(2).create();

        deliver(user, "windows-1251-base64.eml");

        assertThat(failedTwice.matches(30, TimeUnit.SECONDS)).as("read again after the failure").isTrue();
        assertThat(inbox(user)).singleElement().satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isFalse());
        assertThat(ledger.findBySourceEvent(tenantId, "email", "<000a01db3d6f$5e2b1c40$1a8154c0$@romashka.ru>")).isEmpty();

        brokerDown.set(false);

        await().atMost(WAIT).until(() -> ledger.findBySourceEvent(tenantId, "email",
                "<000a01db3d6f$5e2b1c40$1a8154c0$@romashka.ru>").isPresent());
        String leadId = ledger.findBySourceEvent(tenantId, "email", "<000a01db3d6f$5e2b1c40$1a8154c0$@romashka.ru>").orElseThrow();
        JsonNode lead = ledger.find(leadId).orElseThrow().lead();
        assertThat(lead.at("/contact/fullName").asText()).isEqualTo("Смирнов Иван");
        assertThat(lead.at("/contact/phones/0").asText()).isEqualTo("+79123456789");
        await().atMost(WAIT).until(() -> inbox(user).get(0).isSet(Flags.Flag.SEEN));
    }

    @Test
    void mailboxesStartStopAndRestartWithTheTenantConfigurationWithoutARedeploy() throws Exception {
        tenantId = "mail-config";
        GreenMailUser user = IMAP.setUser("leads-config@acme.test", "leads-config", PASSWORD);
        String routeId = MailboxRoutes.routeId(tenantId, "sales");
        assertThat(camel.getRoute(routeId)).isNull();

        tenants.put(tenant(tenantId, mailboxConfig("leads-config", true, Duration.ofMillis(200), null)));
        assertThat(camel.getRouteController().getRouteStatus(routeId)).isEqualTo(ServiceStatus.Started);

        tenants.put(tenant(tenantId, mailboxConfig("leads-config", true, Duration.ofMillis(300), "Processed")));
        assertThat(camel.getRoute(routeId).getEndpoint().getEndpointUri()).contains("delay=300").contains("moveTo=RAW(Processed)");
        NotifyBuilder moved = new NotifyBuilder(camel).fromRoute(routeId).whenCompleted(1).create();
        deliver(user, "koi8-r-quoted-printable.eml");
        assertThat(moved.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> folder(user, "Processed").getMessages().size() == 1);
        await().atMost(WAIT).until(() -> inbox(user).isEmpty());

        tenants.put(tenant(tenantId, mailboxConfig("leads-config", false, Duration.ofMillis(200), null)));
        assertThat(camel.getRoute(routeId)).as("a disabled mailbox is not polled").isNull();

        deliver(user, "iso-8859-1.eml"); // waits on the server while the mailbox is off

        NotifyBuilder readAfterRestart = new NotifyBuilder(camel).fromRoute(routeId).whenCompleted(1).create();
        tenants.put(tenant(tenantId, mailboxConfig("leads-config", true, Duration.ofMillis(200), null)));
        assertThat(camel.getRoute(routeId)).isNotNull();
        assertThat(readAfterRestart.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> inbox(user).stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));
        await().atMost(WAIT).until(() -> ledger.findBySourceEvent(tenantId, "email", "<5f1c2a9e-latin1@exemple.fr>").isPresent());
        await().atMost(WAIT).until(() -> ledger.findBySourceEvent(tenantId, "email",
                "<20261123164000.0f1e2d3c@kazan-trade.ru>").isPresent()); // nothing of this test left in the pipeline

        tenants.remove(tenantId);
        assertThat(camel.getRoute(routeId)).isNull();
        assertThat(mailboxRoutes.runningRoutes()).doesNotContain(routeId);
        tenantId = null;
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** A GreenMail user and a tenant whose mailbox "sales" polls it, added at runtime. */
    private GreenMailUser mailbox(String tenant, String login) {
        return mailbox(tenant, login, "ID");
    }

    private GreenMailUser mailbox(String tenant, String login, String region) {
        tenantId = tenant;
        GreenMailUser user = IMAP.setUser(login + "@acme.test", login, PASSWORD);
        tenants.put(tenant(tenant, region, mailboxConfig(login, true, Duration.ofMillis(200), null)));
        assertThat(camel.getRouteController().getRouteStatus(MailboxRoutes.routeId(tenant, "sales")))
                .isEqualTo(ServiceStatus.Started);
        return user;
    }

    private static MailboxConfig mailboxConfig(String login, boolean enabled, Duration delay, String moveTo) {
        return new MailboxConfig("sales", enabled, "127.0.0.1", IMAP.getImap().getPort(), false, login, PASSWORD,
                "INBOX", delay, moveTo, List.of("acme.co.id"), 4096);
    }

    private static Tenant tenant(String id, MailboxConfig mailbox) {
        return tenant(id, "ID", mailbox);
    }

    private static Tenant tenant(String id, String region, MailboxConfig mailbox) {
        return new Tenant(id, id, region, "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of(),
                List.of(mailbox), null, null, null, null);
    }

    private static void deliver(GreenMailUser user, String fixture) throws Exception {
        try (InputStream in = IntakeEmailRouteTest.class.getResourceAsStream("/mail/" + fixture)) {
            byte[] raw = in.readAllBytes();
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        }
    }

    private static List<StoredMessage> inbox(GreenMailUser user) throws Exception {
        return IMAP.getManagers().getImapHostManager().getInbox(user).getMessages();
    }

    private static MailFolder folder(GreenMailUser user, String name) {
        MailFolder folder = IMAP.getManagers().getImapHostManager().getFolder(user, name);
        if (folder == null) {
            throw new IllegalStateException("no folder " + name + " yet");
        }
        return folder;
    }

}
