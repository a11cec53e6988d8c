package io.lintas.intake;

import io.lintas.intake.MailMessageReader.Address;
import io.lintas.intake.MailMessageReader.ReadMail;
import io.lintas.tenant.MailboxConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mail that is not a lead (contract D2): auto-replies, bulk and list mail, bounces, and mail from the
 * tenant's own domains. Each rule gives a reason that is recorded with the skipped intake.
 * {@code X-Auto-Response-Suppress} is deliberately not a rule: it does not mark an auto-reply.
 */
final class AutomaticMail {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");
    private static final List<String> AUTOREPLY_HEADERS = List.of("x-autoreply", "x-autorespond", "x-autoreply-from");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");

    private AutomaticMail() {
    }

    /** Why this mail is not a lead, or null when it may be one. */
    static String skipReason(ReadMail mail, MailboxConfig mailbox) {
        String autoSubmitted = mail.firstHeader("Auto-Submitted");
        if (autoSubmitted != null && !firstToken(autoSubmitted).equals("no")) {
            return "automatic mail: Auto-Submitted: " + firstToken(autoSubmitted);
        }
        for (String header : List.of("Precedence", "X-Precedence")) {
            for (String value : mail.header(header)) {
                if (BULK_PRECEDENCE.contains(firstToken(value))) {
                    return "bulk mail: " + header + ": " + firstToken(value);
                }
            }
        }
        for (String header : AUTOREPLY_HEADERS) {
            if (!mail.header(header).isEmpty()) {
                return "auto-reply: " + canonical(header) + " header";
            }
        }
        for (Map.Entry<String, List<String>> header : mail.headers().entrySet()) {
            if (header.getKey().startsWith("list-")) {
                return "mailing list: " + canonical(header.getKey()) + " header";
            }
        }
        for (String returnPath : mail.header("Return-Path")) {
            if (returnPath.replaceAll("\\s", "").equals("<>")) {
                return "bounce: null sender (Return-Path: <>)";
            }
        }
        if (mail.contentType().equals("multipart/report") && "delivery-status".equals(reportType(mail))) {
            return "bounce: delivery status notification (multipart/report)";
        }
        Address from = mail.from();
        if (from != null && from.localPart() != null && DAEMONS.contains(from.localPart().toLowerCase(Locale.ROOT))) {
            return "bounce: from " + from.localPart().toUpperCase(Locale.ROOT);
        }
        Address sender = mail.sender();
        if (sender == null || sender.email() == null) {
            return "no sender address (neither Reply-To nor From)";
        }
        if (mailbox.isOwnDomain(sender.domain())) {
            return "from the tenant's own domain " + sender.domain().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static String reportType(ReadMail mail) {
        String contentType = mail.firstHeader("Content-Type");
        if (contentType == null) {
            return null;
        }
        try {
            String type = new jakarta.mail.internet.ContentType(contentType).getParameter("report-type");
            return type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            return null;
        }
    }

    /** "auto-replied; comment" → "auto-replied"; "Bulk" → "bulk". */
    private static String firstToken(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < v.length() && !Character.isWhitespace(v.charAt(end)) && v.charAt(end) != ';' && v.charAt(end) != '(') {
            end++;
        }
        String token = v.substring(0, end);
        return token.length() > 40 ? token.substring(0, 40) : token;
    }

    /** "list-unsubscribe" → "List-Unsubscribe". */
    private static String canonical(String header) {
        StringBuilder out = new StringBuilder(header.length());
        boolean upper = true;
        for (char c : header.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        String s = out.toString().replace("-Id", "-ID");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
