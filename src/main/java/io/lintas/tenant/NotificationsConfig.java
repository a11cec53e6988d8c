package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a tenant tells its customers about invoices (email, SMS) and which of its URLs Lintas calls
 * with signed events (Standard Webhooks).
 *
 * @param language  language of a notice that names none: id, ru or en
 * @param templates a directory whose files override the bundled templates (same names), or null
 * @param email     email settings, or null: no email
 * @param sms       SMS settings, or null: no SMS
 * @param webhooks  outbound webhook subscriptions
 */
public record NotificationsConfig(String language, String templates, Email email, Sms sms, List<Webhook> webhooks) {

    public static final List<String> LANGUAGES = List.of("id", "ru", "en");
    public static final List<String> EVENTS = List.of("lead.created", "invoice.issued", "invoice.paid", "invoice.expired");

    public NotificationsConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** @param smtp this tenant's own mail server, or null: the global one (lintas.notify.smtp.*) */
    public record Email(String from, Smtp smtp) {
    }

    public enum Tls { NONE, STARTTLS, IMPLICIT }

    public record Smtp(String host, int port, Tls tls, String username, String password) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + " " + tls + " user=" + username + " password=" + Secrets.mask(password) + "]";
        }
    }

    public enum Provider { TWILIO, SMSRU }

    /** One of twilio / smsru is set, as {@code provider} says. */
    public record Sms(Provider provider, Twilio twilio, SmsRu smsru) {
    }

    /** @param from a Twilio number or alphanumeric sender id; or null with {@code messagingServiceSid} */
    public record Twilio(String baseUrl, String accountSid, String authToken, String from, String messagingServiceSid) {
        @Override
        public String toString() {
            return "Twilio[" + baseUrl + " " + accountSid + " token=" + Secrets.mask(authToken) + " from=" + from
                    + " service=" + messagingServiceSid + "]";
        }
    }

    /** @param from an approved sender name, or null: the account's default */
    public record SmsRu(String baseUrl, String apiId, String from) {
        @Override
        public String toString() {
            return "SmsRu[" + baseUrl + " api_id=" + Secrets.mask(apiId) + " from=" + from + "]";
        }
    }

    /** @param secret {@code whsec_} + base64 of the HMAC key */
    public record Webhook(String url, String secret, List<String> events) {
        public Webhook {
            events = List.copyOf(events);
        }

        public byte[] key() {
            return Base64.getDecoder().decode(secret.substring("whsec_".length()));
        }

        @Override
        public String toString() {
            return "Webhook[" + url + " " + events + " secret=" + Secrets.mask(secret) + "]";
        }
    }

    /** The subscriptions of this tenant to {@code event}. */
    public List<Webhook> subscribers(String event) {
        return webhooks.stream().filter(w -> w.events().contains(event)).toList();
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        public String language;
        public String templates;
        public EmailModel email;
        public SmsModel sms;
        public List<WebhookModel> webhooks;
    }

    static final class EmailModel {
        public String from;
        public SmtpModel smtp;
    }

    static final class SmtpModel {
        public String host;
        public String port;                 // text, so a ${ENV:default} placeholder can give it
        public String tls;
        public String username;
        public String password;
    }

    static final class SmsModel {
        public String provider;
        public TwilioModel twilio;
        public SmsRuModel smsru;
    }

    static final class TwilioModel {
        @JsonProperty("base-url")
        public String baseUrl;
        @JsonProperty("account-sid")
        public String accountSid;
        @JsonProperty("auth-token")
        public String authToken;
        public String from;
        @JsonProperty("messaging-service-sid")
        public String messagingServiceSid;
    }

    static final class SmsRuModel {
        @JsonProperty("base-url")
        public String baseUrl;
        @JsonProperty("api-id")
        public String apiId;
        public String from;
    }

    static final class WebhookModel {
        public String url;
        public String secret;
        public List<String> events;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static NotificationsConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        int before = problems.size();
        String at = where + ", notifications";
        String language = model.language == null ? "en" : resolve.apply(model.language);
        if (language != null && !LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
            problems.add(at + ": language must be one of " + LANGUAGES + " (got " + language + ")");
        }
        String templates = blank(model.templates) ? null : resolve.apply(model.templates);
        Email email = model.email == null ? null : checkEmail(model.email, at + ", email", resolve, problems);
        Sms sms = model.sms == null ? null : checkSms(model.sms, at + ", sms", resolve, problems);
        List<Webhook> webhooks = new ArrayList<>();
        if (model.webhooks != null) {
            for (int i = 0; i < model.webhooks.size(); i++) {
                Webhook hook = checkWebhook(model.webhooks.get(i), at + ", webhook #" + (i + 1), resolve, problems);
                if (hook != null) {
                    webhooks.add(hook);
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new NotificationsConfig(language.toLowerCase(Locale.ROOT), templates, email, sms, webhooks);
    }

    private static Email checkEmail(EmailModel m, String at, UnaryOperator<String> resolve, List<String> problems) {
        String from = resolve.apply(m.from);
        if (blank(from) || !from.contains("@")) {
            problems.add(at + ": from must be an address, e.g. \"Acme Billing <billing@acme.example>\" (got " + from + ")");
        }
        Smtp smtp = null;
        if (m.smtp != null) {
            String host = resolve.apply(m.smtp.host);
            if (blank(host)) {
                problems.add(at + ", smtp: host is required");
            }
            Tls tls = Tls.STARTTLS;
            if (m.smtp.tls != null) {
                try {
                    tls = Tls.valueOf(resolve.apply(m.smtp.tls).toUpperCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    problems.add(at + ", smtp: tls must be none, starttls or implicit (got " + m.smtp.tls + ")");
                }
            }
            String portText = blank(m.smtp.port) ? null : resolve.apply(m.smtp.port);
            int port = tls == Tls.IMPLICIT ? 465 : 587;
            if (!blank(portText)) {
                try {
                    port = Integer.parseInt(portText.trim());
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65535) {
                problems.add(at + ", smtp: port must be 1-65535 (got " + portText + ")");
            }
            String username = blank(m.smtp.username) ? null : resolve.apply(m.smtp.username);
            String password = blank(m.smtp.password) ? null : resolve.apply(m.smtp.password);
            if (username != null && blank(password)) {
                problems.add(at + ", smtp: a username needs a password (use ${ENV_VAR})");
            }
            smtp = new Smtp(host, port, tls, username, password);
        }
        return new Email(from, smtp);
    }

    private static Sms checkSms(SmsModel m, String at, UnaryOperator<String> resolve, List<String> problems) {
        Provider provider = null;
        try {
            provider = Provider.valueOf(String.valueOf(resolve.apply(m.provider)).toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            problems.add(at + ": provider must be twilio or smsru (got " + m.provider + ")");
            return null;
        }
        Twilio twilio = null;
        SmsRu smsru = null;
        if (provider == Provider.TWILIO) {
            if (m.twilio == null) {
                problems.add(at + ": provider twilio needs a twilio block (account-sid, auth-token, from)");
                return null;
            }
            String base = baseUrl(resolve.apply(m.twilio.baseUrl), "https://api.twilio.com", at + ", twilio", problems);
            String sid = resolve.apply(m.twilio.accountSid);
            String token = resolve.apply(m.twilio.authToken);
            String from = blank(m.twilio.from) ? null : resolve.apply(m.twilio.from);
            String service = blank(m.twilio.messagingServiceSid) ? null : resolve.apply(m.twilio.messagingServiceSid);
            if (blank(sid) || !sid.startsWith("AC")) {
                problems.add(at + ", twilio: account-sid must start with AC");
            }
            if (blank(token)) {
                problems.add(at + ", twilio: auth-token is required (use ${ENV_VAR})");
            }
            if ((from == null) == (service == null)) {
                problems.add(at + ", twilio: give exactly one of from and messaging-service-sid");
            }
            twilio = new Twilio(base, sid, token, from, service);
        } else {
            if (m.smsru == null) {
                problems.add(at + ": provider smsru needs an smsru block (api-id)");
                return null;
            }
            String base = baseUrl(resolve.apply(m.smsru.baseUrl), "https://sms.ru", at + ", smsru", problems);
            String apiId = resolve.apply(m.smsru.apiId);
            if (blank(apiId)) {
                problems.add(at + ", smsru: api-id is required (use ${ENV_VAR})");
            } else if (!apiId.matches("[A-Za-z0-9-]+")) {
                problems.add(at + ", smsru: api-id must be letters, digits and dashes");
            }
            smsru = new SmsRu(base, apiId, blank(m.smsru.from) ? null : resolve.apply(m.smsru.from));
        }
        return new Sms(provider, twilio, smsru);
    }

    private static Webhook checkWebhook(WebhookModel m, String at, UnaryOperator<String> resolve, List<String> problems) {
        int before = problems.size();
        String url = resolve.apply(m.url);
        if (!httpUrl(url)) {
            problems.add(at + ": url must be an http(s) URL (got " + url + ")");
        }
        String secret = resolve.apply(m.secret);
        if (secret == null || !secret.startsWith("whsec_")) {
            problems.add(at + ": secret must be whsec_ followed by base64 (24-64 random bytes)");
        } else {
            try {
                int length = Base64.getDecoder().decode(secret.substring(6)).length;
                if (length < 24 || length > 64) {
                    problems.add(at + ": secret must hold 24-64 bytes (got " + length + ")");
                }
            } catch (IllegalArgumentException e) {
                problems.add(at + ": secret after whsec_ is not base64");
            }
        }
        Set<String> events = new LinkedHashSet<>();
        if (m.events == null || m.events.isEmpty()) {
            problems.add(at + ": events must list at least one of " + EVENTS);
        } else {
            for (String event : m.events) {
                if (!EVENTS.contains(event)) {
                    problems.add(at + ": unknown event " + event + " (one of " + EVENTS + ")");
                }
                events.add(event);
            }
        }
        return problems.size() > before ? null : new Webhook(url, secret, List.copyOf(events));
    }

    private static String baseUrl(String given, String fallback, String at, List<String> problems) {
        String url = blank(given) ? fallback : given.replaceAll("/+$", "");
        if (!httpUrl(url)) {
            problems.add(at + ": base-url must be an http(s) URL (got " + given + ")");
        }
        return url;
    }

    private static boolean httpUrl(String url) {
        if (blank(url)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
