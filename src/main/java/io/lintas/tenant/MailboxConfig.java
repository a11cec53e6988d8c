package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IMAP mailbox of a tenant whose mail becomes leads.
 *
 * @param id                 URL-safe id, unique within the tenant; the lead's endpoint
 * @param enabled            false keeps the mailbox configured but not polled
 * @param host               IMAP server host name
 * @param port               IMAP server port (993 with TLS, 143 without, by default)
 * @param tls                true: IMAPS (TLS from the first byte); false: plain IMAP (local servers only)
 * @param username           login name
 * @param password           login password (from the environment); never shown
 * @param folder             folder polled for unseen mail (INBOX by default)
 * @param pollDelay          pause between two polls
 * @param moveTo             folder a mail is moved to once its lead is durable, or null to only flag it seen
 * @param ownDomains         the tenant's own mail domains (lower case): mail from them is not a lead
 * @param maxAttachmentBytes attachments larger than this are recorded as skipped, not stored
 */
public record MailboxConfig(
        String id,
        boolean enabled,
        String host,
        int port,
        boolean tls,
        String username,
        String password,
        String folder,
        Duration pollDelay,
        String moveTo,
        List<String> ownDomains,
        long maxAttachmentBytes) {

    public static final String DEFAULT_FOLDER = "INBOX";
    public static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;
    static final long LARGEST_ATTACHMENT_CAP = 100L * 1024 * 1024;
    static final Duration SHORTEST_POLL_DELAY = Duration.ofMillis(100);
    static final Duration LONGEST_POLL_DELAY = Duration.ofDays(1);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kb|mb)?", Pattern.CASE_INSENSITIVE);

    public MailboxConfig {
        ownDomains = ownDomains == null ? List.of() : List.copyOf(ownDomains);
    }

    /** True when {@code domain} (of a sender address) is one of the tenant's own domains or a subdomain of one. */
    public boolean isOwnDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return false;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String own : ownDomains) {
            if (d.equals(own) || d.endsWith("." + own)) {
                return true;
            }
        }
        return false;
    }

    /** Secrets never appear in logs: this is what a log line or error message may show. */
    @Override
    public String toString() {
        return "MailboxConfig[id=" + id + ", enabled=" + enabled + ", host=" + host + ", port=" + port + ", tls=" + tls
                + ", username=" + (username == null ? null : "(set)") + ", password=" + Secrets.mask(password)
                + ", folder=" + folder + ", pollDelay=" + pollDelay + ", moveTo=" + moveTo
                + ", ownDomains=" + ownDomains + ", maxAttachmentBytes=" + maxAttachmentBytes + "]";
    }

    /** The YAML shape of this section (strict: unknown keys are problems). */
    static final class Model {
        public String id;
        public String enabled;
        public String host;
        public String port;
        public String tls;
        public String username;
        public String password;
        public String folder;
        @JsonProperty("poll-delay")
        public String pollDelay;
        @JsonProperty("move-to")
        public String moveTo;
        @JsonProperty("own-domains")
        public List<String> ownDomains;
        @JsonProperty("max-attachment-size")
        public String maxAttachmentSize;
    }

    /**
     * Checks the section and builds it; problems are added to {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    static List<MailboxConfig> check(List<Model> models, String where, UnaryOperator<String> resolve,
            List<String> problems) {
        if (models == null) {
            return List.of();
        }
        List<MailboxConfig> mailboxes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            MailboxConfig mailbox = checkOne(models.get(i), i + 1, where, resolve, problems);
            if (mailbox != null && !ids.add(mailbox.id())) {
                problems.add(where + ": mailbox '" + mailbox.id() + "' defined twice");
            } else if (mailbox != null) {
                mailboxes.add(mailbox);
            }
        }
        return mailboxes;
    }

    private static MailboxConfig checkOne(Model m, int index, String tenantWhere, UnaryOperator<String> resolve,
            List<String> problems) {
        int before = problems.size();
        String id = trim(resolve.apply(m.id));
        String where = tenantWhere + ", mailbox " + (id == null ? "#" + index : "'" + id + "'");
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(where + ": id must be lower-case letters, digits and dashes (got " + id + ")");
        }
        Boolean enabled = bool(resolve.apply(m.enabled), true, where, "enabled", problems);
        Boolean tls = bool(resolve.apply(m.tls), true, where, "tls", problems);

        String host = trim(resolve.apply(m.host));
        if (host == null) {
            problems.add(where + ": host is required (the IMAP server)");
        } else if (!HOST.matcher(host).matches()) {
            problems.add(where + ": host must be a host name or address, without scheme or port (got " + host + ")");
        }
        int port = tls == Boolean.FALSE ? 143 : 993;
        String portText = trim(resolve.apply(m.port));
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                problems.add(where + ": port must be a number from 1 to 65535 (got " + portText + ")");
            }
        }
        String username = trim(resolve.apply(m.username));
        if (username == null) {
            problems.add(where + ": username is required");
        }
        String password = resolve.apply(m.password);
        if (m.password == null) {
            problems.add(where + ": password is required (write it as ${ENV_VAR}, never literally)");
        } else if (password == null || password.isEmpty()) {
            problems.add(where + ": password resolves to an empty value (set its environment variable)");
        }
        String folder = trim(resolve.apply(m.folder));
        folder = folder == null ? DEFAULT_FOLDER : folder;
        String moveTo = trim(resolve.apply(m.moveTo));
        if (moveTo != null && moveTo.equalsIgnoreCase(folder)) {
            problems.add(where + ": move-to must differ from the polled folder '" + folder + "'");
        }
        Duration pollDelay = duration(resolve.apply(m.pollDelay), where, problems);

        List<String> ownDomains = new ArrayList<>();
        if (m.ownDomains != null) {
            for (String raw : m.ownDomains) {
                String domain = trim(resolve.apply(raw));
                String normalised = domain == null ? null : domain.toLowerCase(Locale.ROOT).replaceFirst("^@", "");
                if (normalised == null || !DOMAIN.matcher(normalised).matches()) {
                    problems.add(where + ": own-domains entries must be domain names such as example.com (got " + raw + ")");
                } else if (!ownDomains.contains(normalised)) {
                    ownDomains.add(normalised);
                }
            }
        }
        long maxAttachment = size(resolve.apply(m.maxAttachmentSize), where, problems);

        if (problems.size() > before) {
            return null;
        }
        return new MailboxConfig(id, enabled, host, port, tls, username, password, folder, pollDelay, moveTo,
                ownDomains, maxAttachment);
    }

    private static Boolean bool(String value, boolean fallback, String where, String key, List<String> problems) {
        String v = trim(value);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problems.add(where + ": " + key + " must be true or false (got " + v + ")");
                yield fallback;
            }
        };
    }

    private static Duration duration(String value, String where, List<String> problems) {
        String v = trim(value);
        if (v == null) {
            return DEFAULT_POLL_DELAY;
        }
        Duration parsed;
        try {
            String upper = v.toUpperCase(Locale.ROOT);
            parsed = upper.startsWith("P") ? Duration.parse(upper)
                    : upper.endsWith("MS") ? Duration.ofMillis(Long.parseLong(upper.substring(0, upper.length() - 2).strip()))
                    : Duration.parse("PT" + upper);
        } catch (RuntimeException e) {
            problems.add(where + ": poll-delay must be a duration such as 30s, 5m or 500ms (got " + v + ")");
            return DEFAULT_POLL_DELAY;
        }
        if (parsed.compareTo(SHORTEST_POLL_DELAY) < 0 || parsed.compareTo(LONGEST_POLL_DELAY) > 0) {
            problems.add(where + ": poll-delay must be between 100ms and 24h (got " + v + ")");
        }
        return parsed;
    }

    private static long size(String value, String where, List<String> problems) {
        String v = trim(value);
        if (v == null) {
            return DEFAULT_MAX_ATTACHMENT_BYTES;
        }
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            problems.add(where + ": max-attachment-size must be a size such as 10MB, 512KB or 1048576 (got " + v + ")");
            return DEFAULT_MAX_ATTACHMENT_BYTES;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long bytes = switch (unit) {
            case "kb" -> n * 1024;
            case "mb" -> n * 1024 * 1024;
            default -> n;
        };
        if (bytes > LARGEST_ATTACHMENT_CAP) {
            problems.add(where + ": max-attachment-size must be at most 100MB (got " + v + ")");
        }
        return bytes;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
