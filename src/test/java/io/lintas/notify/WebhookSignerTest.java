package io.lintas.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.StandardWebhookVerifier;
import io.lintas.tenant.NotificationsConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound signing against the official Standard Webhooks vector (contract sheet §9.1) and the inbound verifier. */
class WebhookSignerTest {

    private static final NotificationsConfig.Webhook HOOK = new NotificationsConfig.Webhook("https://hooks.example/x",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", List.of("invoice.paid"));
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheOfficialVector() {
        Map<String, String> headers = WebhookSigner.headers(HOOK.key(), ID, 1614265330L, BODY);

        assertThat(headers).containsExactly(Map.entry("webhook-id", ID), Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void theInboundVerifierAcceptsWhatWeSignAndRejectsATamperedBody() {
        StandardWebhookVerifier verifier = new StandardWebhookVerifier(Clock.fixed(Instant.ofEpochSecond(1614265330L + 60), ZoneOffset.UTC));
        Map<String, String> headers = WebhookSigner.headers(HOOK.key(), ID, 1614265330L, BODY);

        assertThat(verifier.verify(HOOK.key(), headers.get("webhook-id"), headers.get("webhook-timestamp"),
                headers.get("webhook-signature"), BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardWebhookVerifier.Outcome.VALID);
        assertThat(verifier.verify(HOOK.key(), headers.get("webhook-id"), headers.get("webhook-timestamp"),
                headers.get("webhook-signature"), "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(StandardWebhookVerifier.Outcome.NO_MATCHING_SIGNATURE);
    }

    @Test
    void theWebhookIdIsStablePerEventAndUrlAndHasNoDot() {
        String id = OutboundWebhooks.webhookId("acme", "invoice.paid", "INV1:PAID_RECEIPT:pay1", "https://hooks.example/x");

        assertThat(id).isEqualTo(OutboundWebhooks.webhookId("acme", "invoice.paid", "INV1:PAID_RECEIPT:pay1", "https://hooks.example/x"))
                .isNotEqualTo(OutboundWebhooks.webhookId("acme", "invoice.paid", "INV1:PAID_RECEIPT:pay1", "https://hooks.example/y"))
                .matches("msg_[0-9a-f]{32}");
    }
}
