package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lintas.connector.bitrix24.RatePlan;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A tenant's Bitrix24 portal: where Lintas calls it and how its events are verified.
 *
 * @param webhookUrl       the portal's incoming webhook, {@code https://{portal}/rest/{user}/{code}}
 *                         without a trailing slash; a secret (the code is the credential)
 * @param domain           the portal's domain, compared with {@code auth[domain]} of each event
 * @param memberId         the portal's member id, compared with {@code auth[member_id]}
 * @param applicationToken the outbound webhook's application token, compared in constant time; a secret
 * @param replayWindow     events whose {@code ts} is further than this from now are refused
 * @param ratePlan         the portal's REST rate limit
 * @param events           the events taken (ONCRMLEADADD, ...); others are acknowledged and dropped
 */
public record Bitrix24Config(
        String webhookUrl,
        String domain,
        String memberId,
        String applicationToken,
        Duration replayWindow,
        RatePlan ratePlan,
        Set<String> events) {

    /** Events this hub knows how to follow up. */
    public static final List<String> SUPPORTED_EVENTS =
            List.of("ONCRMLEADADD", "ONCRMLEADUPDATE", "ONCRMDEALADD", "ONCRMDEALUPDATE");
    static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(15);
    static final List<String> DEFAULT_EVENTS = List.of("ONCRMLEADADD");

    public Bitrix24Config {
        events = events == null ? Set.of() : Set.copyOf(events);
    }

    /** True when events of this name are taken. */
    public boolean takes(String event) {
        return event != null && events.contains(event.toUpperCase(Locale.ROOT));
    }

    /** The key the per-portal rate limiter counts under. */
    public String portalKey() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** Secrets never appear in logs. */
    @Override
    public String toString() {
        return "Bitrix24Config[webhookUrl=" + Secrets.mask(webhookUrl) + ", domain=" + domain + ", memberId=" + memberId
                + ", applicationToken=" + Secrets.mask(applicationToken) + ", replayWindow=" + replayWindow
                + ", ratePlan=" + ratePlan + ", events=" + events + "]";
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        @JsonProperty("webhook-url")
        public String webhookUrl;
        public String domain;
        @JsonProperty("member-id")
        public String memberId;
        @JsonProperty("application-token")
        public String applicationToken;
        @JsonProperty("replay-window")
        public String replayWindow;
        /** standard (50 / 2 per s) or enterprise (250 / 5 per s). */
        public String plan;
        /** Overrides the plan's burst. */
        public Integer burst;
        /** Overrides the plan's drain rate, requests per second. */
        @JsonProperty("per-second")
        public Double perSecond;
        public List<String> events;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static Bitrix24Config check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return null;
        }
        where = where + ", bitrix24";
        int before = problems.size();
        String webhookUrl = trimSlash(resolve.apply(model.webhookUrl));
        String domain = resolve.apply(model.domain);
        String memberId = resolve.apply(model.memberId);
        String token = resolve.apply(model.applicationToken);
        String window = resolve.apply(model.replayWindow);
        String plan = resolve.apply(model.plan);

        if (blank(webhookUrl)) {
            problems.add(where + ": webhook-url is required (https://{portal}/rest/{user}/{code})");
        } else if (!validWebhookUrl(webhookUrl)) {
            // never echo it: the URL carries the webhook code
            problems.add(where + ": webhook-url must be an https URL like https://{portal}/rest/{user}/{code}"
                    + " (plain http only on localhost)");
        }
        if (blank(domain) || domain.contains("/") || domain.contains(" ")) {
            problems.add(where + ": domain is required, the portal's host name such as example.bitrix24.com");
        }
        if (blank(memberId)) {
            problems.add(where + ": member-id is required (auth[member_id] of the portal's events)");
        }
        if (blank(token)) {
            problems.add(where + ": application-token is required (shown when the outbound webhook was created)");
        }
        Duration replayWindow = DEFAULT_REPLAY_WINDOW;
        if (window != null) {
            replayWindow = duration(window);
            if (replayWindow == null || replayWindow.isNegative() || replayWindow.isZero()) {
                problems.add(where + ": replay-window must be a positive duration such as 15m or PT1H (got " + window + ")");
            }
        }
        RatePlan base = RatePlan.STANDARD;
        if (plan != null) {
            switch (plan.strip().toLowerCase(Locale.ROOT)) {
                case "standard" -> base = RatePlan.STANDARD;
                case "enterprise" -> base = RatePlan.ENTERPRISE;
                default -> problems.add(where + ": plan must be standard or enterprise (got " + plan + ")");
            }
        }
        RatePlan ratePlan = null;
        try {
            ratePlan = new RatePlan(model.burst == null ? base.burst() : model.burst,
                    model.perSecond == null ? base.perSecond() : model.perSecond);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage().replace("perSecond", "per-second"));
        }
        Set<String> events = new LinkedHashSet<>();
        for (String event : model.events == null ? DEFAULT_EVENTS : model.events) {
            String name = resolve.apply(event);
            String upper = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            if (!SUPPORTED_EVENTS.contains(upper)) {
                problems.add(where + ": events may be " + String.join(", ", SUPPORTED_EVENTS) + " (got " + name + ")");
            } else {
                events.add(upper);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Bitrix24Config(webhookUrl, domain.strip().toLowerCase(Locale.ROOT), memberId.strip(), token,
                replayWindow, ratePlan, events);
    }

    private static boolean validWebhookUrl(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (host == null || uri.getQuery() != null || uri.getFragment() != null) {
                return false;
            }
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            return "https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme()) && loopback);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String trimSlash(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** "15m", "1h", "PT30S" → a duration; null when unreadable. */
    static Duration duration(String text) {
        try {
            String s = text.strip();
            return Duration.parse(s.startsWith("P") ? s : "PT" + s.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
