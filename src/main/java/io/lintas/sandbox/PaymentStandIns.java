package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing side of the sandbox: Xendit ({@code /xendit/…}), Midtrans ({@code /midtrans/…}), Stripe
 * ({@code /stripe/…}) and Twilio ({@code /twilio/…}) stand-ins, the mail server's listing ({@code GET /sandbox/mail}), the SMS listing
 * ({@code GET /sandbox/sms}), and the "customer pays" helpers that send the provider's correctly signed callback
 * to the hub: {@code POST /sandbox/xendit/invoices/{id or external_id}/pay} (x-callback-token) and
 * {@code POST /sandbox/midtrans/orders/{order_id}/pay} (signature_key) and
 * {@code POST /sandbox/stripe/invoices/{id or Lintas id}/pay} (invoice.paid event, Stripe-Signature with the tenant's
 * webhook secret).
 */
final class PaymentStandIns {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStandIns.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XenditAccount xendit;
    private final MidtransAccount midtrans;
    private final StripeAccount stripe;
    private final TwilioAccount twilio;
    private final SandboxMail mail;
    private final PaymentCallbacks callbacks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PaymentStandIns(Clock clock, SandboxMail mail, PaymentCallbacks callbacks) {
        this.xendit = new XenditAccount(clock);
        this.midtrans = new MidtransAccount(clock);
        this.stripe = new StripeAccount(clock);
        this.clock = clock;
        this.twilio = new TwilioAccount(clock);
        this.mail = mail;
        this.callbacks = callbacks == null ? PaymentCallbacks.NONE : callbacks;
    }

    XenditAccount xendit() {
        return xendit;
    }

    MidtransAccount midtrans() {
        return midtrans;
    }

    StripeAccount stripe() {
        return stripe;
    }

    TwilioAccount twilio() {
        return twilio;
    }

    SandboxMail mail() {
        return mail;
    }

    StandInAnswer handle(String system, String method, String rawPath, String query, String authorization,
                         String idempotencyKey, String body) {
        return switch (system) {
            case "xendit" -> xendit.handle(method, rawPath.substring(SandboxUrls.XENDIT.length()), query, authorization, body);
            case "midtrans" -> midtrans.handle(method, rawPath.substring(SandboxUrls.MIDTRANS.length()), authorization,
                    idempotencyKey, body);
            case "stripe" -> stripe.handle(method, rawPath.substring(SandboxUrls.STRIPE.length()), authorization,
                    idempotencyKey, body);
            case "twilio" -> twilio.handle(method, rawPath.substring(SandboxUrls.TWILIO.length()), authorization, body);
            case "sms" -> new StandInAnswer(200, twilio.listing());
            case "mail" -> {
                if (mail == null) {
                    yield message(404, "the sandbox runs no mail server");
                }
                ObjectNode q = Params.fromQuery(query);
                yield new StandInAnswer(200, mail.listing(q.path("contains").asText(null), q.path("summary").asBoolean(false)));
            }
            case "pay" -> pay(method, rawPath, body);
            default -> message(404, "unknown sandbox system " + system);
        };
    }

    /** {@code /sandbox/xendit/invoices/{id}/pay} or {@code /sandbox/midtrans/orders/{id}/pay}. */
    private StandInAnswer pay(String method, String rawPath, String body) {
        String[] parts = rawPath.split("/");
        // "", "sandbox", provider, "invoices"|"orders", id, "pay"
        if (!"POST".equals(method) || parts.length != 6) {
            return message(404, "POST /sandbox/xendit/invoices/{id}/pay, /sandbox/stripe/invoices/{id}/pay"
                    + " or /sandbox/midtrans/orders/{order_id}/pay");
        }
        String id = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
        JsonNode options = JSON.createObjectNode();
        try {
            if (body != null && !body.isBlank()) {
                options = JSON.readTree(body);
            }
        } catch (IOException e) {
            return message(400, "the body, if any, must be JSON: {\"bank\":\"BCA\",\"amount\":150000}");
        }
        ObjectNode out = JSON.createObjectNode();
        String provider = parts[2];
        ObjectNode callback;
        String key;
        if ("xendit".equals(provider)) {
            BigDecimal amount = options.path("amount").isNumber() ? options.get("amount").decimalValue() : null;
            XenditAccount.Payment payment = xendit.pay(id, options.path("bank").asText(null), amount);
            if (payment == null) {
                return message(404, "no sandbox Xendit invoice " + id);
            }
            out.set("invoice", xendit.find(id));
            callback = payment.callback();
            key = payment.secretKey();
        } else if ("midtrans".equals(provider)) {
            MidtransAccount.Payment payment = midtrans.pay(id);
            if (payment == null) {
                return message(404, "no sandbox Midtrans order " + id);
            }
            callback = payment.notification();
            key = payment.serverKey();
        } else if ("stripe".equals(provider)) {
            StripeAccount.Payment payment = stripe.pay(id);
            if (payment == null) {
                return message(404, "no open sandbox Stripe invoice " + id);
            }
            callback = payment.event();
            key = payment.secretKey();
        } else {
            return message(404, "the sandbox pays xendit and stripe invoices and midtrans orders");
        }
        out.set("callback", callback);
        out.set("delivery", deliver(provider, key, callback));
        return new StandInAnswer(200, out);
    }

    /** Sends the callback to the account's callback URL, as the provider would; the hub's answer in the result. */
    private ObjectNode deliver(String provider, String key, ObjectNode callback) {
        ObjectNode delivery = JSON.createObjectNode();
        Optional<PaymentCallbacks.Target> target = callbacks.target(provider, key);
        if (target.isEmpty()) {
            delivery.put("sent", false);
            delivery.put("reason", "no tenant bills with " + provider + " through the sandbox with this account's key");
            return delivery;
        }
        delivery.put("url", target.get().url());
        try {
            String body = "stripe".equals(provider) ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(callback)
                    : JSON.writeValueAsString(callback);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.get().url()))
                    .timeout(Duration.ofSeconds(30))   // Xendit gives up after 30 s, Midtrans after 15 s
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            target.get().headers().forEach(request::header);
            if ("stripe".equals(provider)) {
                if (target.get().signingSecret() == null) {
                    delivery.put("sent", false);
                    delivery.put("reason", "the stripe tenant has no webhook-secret to sign with");
                    return delivery;
                }
                request.header("Stripe-Signature", stripeSignature(target.get().signingSecret(), clock.instant().getEpochSecond(), body));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            delivery.put("sent", true);
            delivery.put("status", answer.statusCode());
            delivery.put("answer", answer.body());
            LOG.info("SANDBOX: {} payment callback to {} answered {}", provider, target.get().url(), answer.statusCode());
        } catch (IOException e) {
            delivery.put("sent", false);
            delivery.put("reason", "the hub did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.put("sent", false);
            delivery.put("reason", "interrupted");
        }
        return delivery;
    }

    /**
     * {@code t=<unix>,v1=<hex HMAC-SHA256(key = the whole secret "whsec_…" as UTF-8, "t.body")>} (contract §3.3: the
     * prefix is part of the key, nothing is base64-decoded).
     */
    static String stripeSignature(String secret, long t, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StandInAnswer message(int status, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", text);
        return new StandInAnswer(status, body);
    }
}
