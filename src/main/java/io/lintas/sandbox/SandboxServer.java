package io.lintas.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox: one WireMock server on loopback playing a Bitrix24 portal (incoming webhook
 * {@code /rest/1/sandboxtoken/}) and a Jira Cloud site ({@code /rest/api/3/...}), with state in
 * memory. Usable without Spring: {@code try (var sandbox = SandboxServer.start(0, 2, 50)) {…}}.
 * Not a real portal, and it says so in its log and in a header on every answer.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    private final WireMockServer server;
    private final Bitrix24Portal bitrix24;
    private final JiraSite jira;
    private final PaymentStandIns payments;
    private final int port;

    private SandboxServer(WireMockServer server, Bitrix24Portal bitrix24, JiraSite jira, PaymentStandIns payments) {
        this.server = server;
        this.port = server.port();
        this.bitrix24 = bitrix24;
        this.jira = jira;
        this.payments = payments;
    }

    /**
     * Starts the stand-ins on 127.0.0.1.
     *
     * @param port      the port, 0 for a free one
     * @param perSecond the Bitrix24 portal's drain rate, requests per second (2 on standard plans)
     * @param burst     the Bitrix24 portal's burst (50 on standard plans)
     */
    public static SandboxServer start(int port, double perSecond, int burst) {
        return start(port, perSecond, burst, Clock.systemUTC());
    }

    /** As {@link #start(int, double, int)}, with the clock the rate limit and the records read. */
    public static SandboxServer start(int port, double perSecond, int burst, Clock clock) {
        return start(port, perSecond, burst, clock, -1, PaymentCallbacks.NONE);
    }

    /**
     * As {@link #start(int, double, int, Clock)}, with a mail server and where payment callbacks go.
     *
     * @param smtpPort  the sandbox SMTP server's port: 0 a free one, -1 no mail server
     * @param callbacks where the "customer pays" helpers send the provider's callback (the app: its tenants)
     */
    public static SandboxServer start(int port, double perSecond, int burst, Clock clock, int smtpPort,
                                      PaymentCallbacks callbacks) {
        Bitrix24Portal bitrix24 = new Bitrix24Portal(clock, perSecond, burst);
        JiraSite jira = new JiraSite(clock);
        SandboxMail mail = smtpPort < 0 ? null : SandboxMail.start(smtpPort);
        PaymentStandIns payments = new PaymentStandIns(clock, mail, callbacks);
        int[] bound = {0};
        SandboxResponses responses = new SandboxResponses(bitrix24, jira, () -> SandboxUrls.baseUrl(bound[0]), payments);
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .port(port)
                .extensions(responses)
                .disableRequestJournal()          // long runs (the bench) must not keep every request
                .templatingEnabled(false)
                .gzipDisabled(true)
                .containerThreads(32)
                .basicAdminAuthenticator("sandbox", UUID.randomUUID().toString()) // stubs cannot be changed from outside
                .notifier(new LogNotifier()));
        try {
            server.start();
        } catch (RuntimeException e) {
            if (mail != null) {
                mail.close();
            }
            throw new IllegalStateException("SANDBOX: cannot start the Bitrix24/Jira stand-ins on 127.0.0.1:" + port
                    + " (" + e.getMessage() + "); set lintas.sandbox.port to a free port or 0", e);
        }
        bound[0] = server.port();
        // Jira Cloud REST v3 (billing-tasks-sms.md §5); first, so /rest/api/... never reads as a webhook
        server.stubFor(any(urlPathMatching("/rest/api/3/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "jira")));
        // Bitrix24 incoming webhook /rest/{user}/{code}/{method} (intake.md A1)
        server.stubFor(any(urlPathMatching("/rest/[^/]+/[^/]+/[^/]+")).atPriority(5)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "bitrix24")));
        server.stubFor(get(urlPathEqualTo("/sandbox/stats")).atPriority(1)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "stats")));
        // payment providers and SMS (billing-tasks-sms.md §1, §2, §7.1), each under its own prefix (its "host")
        for (String system : new String[] {"xendit", "midtrans", "stripe", "twilio"}) {
            server.stubFor(any(urlPathMatching("/" + system + "/.*")).atPriority(1)
                    .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", system)));
        }
        server.stubFor(get(urlPathEqualTo("/sandbox/mail")).atPriority(1)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "mail")));
        server.stubFor(get(urlPathEqualTo("/sandbox/sms")).atPriority(1)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "sms")));
        server.stubFor(any(urlPathMatching("/sandbox/(xendit|midtrans|stripe)/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(SandboxResponses.NAME).withTransformerParameter("system", "pay")));
        SandboxServer sandbox = new SandboxServer(server, bitrix24, jira, payments);
        LOG.warn("SANDBOX: Bitrix24 and Jira stand-ins at {} — not a real portal (Bitrix24 webhook {}, Jira site {};"
                + " Bitrix24 rate limit burst {}, {} requests/s)", sandbox.baseUrl(), sandbox.bitrix24Url(),
                sandbox.jiraUrl(), burst, perSecond);
        LOG.warn("SANDBOX: payment and SMS stand-ins — not real providers, no money moves, no SMS leaves: Xendit {},"
                + " Midtrans {}, Stripe {}, Twilio {} (messages at {}/sandbox/sms); pay an invoice: POST {}/sandbox/xendit/invoices/<invoice id>/pay",
                SandboxUrls.xenditUrl(sandbox.port), SandboxUrls.midtransUrl(sandbox.port), SandboxUrls.stripeUrl(sandbox.port), SandboxUrls.twilioUrl(sandbox.port),
                sandbox.baseUrl(), sandbox.baseUrl());
        if (mail != null) {
            LOG.warn("SANDBOX: SMTP server at 127.0.0.1:{} — keeps every mail, delivers none (read them: GET {}/sandbox/mail)",
                    mail.port(), sandbox.baseUrl());
        }
        return sandbox;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return SandboxUrls.baseUrl(port());
    }

    /** The portal's incoming webhook: {@code http://127.0.0.1:<port>/rest/1/sandboxtoken/}. */
    public String bitrix24Url() {
        return SandboxUrls.bitrix24Url(port());
    }

    /** The Jira site's base URL: {@code http://127.0.0.1:<port>}. */
    public String jiraUrl() {
        return baseUrl();
    }

    /** The portal's state and counters. */
    public Bitrix24Portal bitrix24() {
        return bitrix24;
    }

    /** The Jira site's state and counters. */
    public JiraSite jira() {
        return jira;
    }

    /** The Xendit stand-in's state. */
    public XenditAccount xendit() {
        return payments.xendit();
    }

    /** The Midtrans stand-in's state. */
    public MidtransAccount midtrans() {
        return payments.midtrans();
    }

    /** The Stripe stand-in's state. */
    public StripeAccount stripe() {
        return payments.stripe();
    }

    /** The Twilio stand-in's recorded messages. */
    public TwilioAccount twilio() {
        return payments.twilio();
    }

    /** The mail server, or null when started without one. */
    public SandboxMail mail() {
        return payments.mail();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
            LOG.info("SANDBOX: stand-ins on port {} stopped", port);
        }
        if (payments.mail() != null) {
            payments.mail().close();
        }
    }

    /** WireMock's own messages, to our log (its bundled SLF4J is relocated and would drop them). */
    private static final class LogNotifier implements Notifier {
        private static final Logger WIREMOCK = LoggerFactory.getLogger("io.lintas.sandbox.WireMock");

        @Override
        public void info(String message) {
            WIREMOCK.debug(message);
        }

        @Override
        public void error(String message) {
            WIREMOCK.warn(message);
        }

        @Override
        public void error(String message, Throwable t) {
            WIREMOCK.warn(message, t);
        }
    }
}
