package io.lintas.notify;

import io.lintas.billing.InvoiceNotice;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a notice into the words a customer reads, in the notice's language (else the tenant's):
 * the email's subject, plain text and HTML, and one short SMS with the VA number.
 */
public class NoticeComposer {

    /** The email's parts. */
    public record EmailContent(String subject, String text, String html) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final NoticeTemplates templates;

    public NoticeComposer(NoticeTemplates templates) {
        this.templates = templates;
    }

    public static String language(InvoiceNotice notice, Tenant tenant) {
        String given = notice.language() == null ? "" : notice.language().toLowerCase(java.util.Locale.ROOT);
        if (NotificationsConfig.LANGUAGES.contains(given)) {
            return given;
        }
        return tenant.notifications() == null ? "en" : tenant.notifications().language();
    }

    public EmailContent email(InvoiceNotice notice, Tenant tenant) {
        String lang = language(notice, tenant);
        String dir = directory(tenant);
        Properties m = templates.messages(dir, lang);
        Map<String, String> values = values(notice, tenant, lang, false);
        String kind = notice.kind().name();
        String subject = fill(m.getProperty(kind + ".subject"), values);
        String greeting = fill(m.getProperty("greeting"), values);
        String intro = fill(m.getProperty(kind + ".intro"), values);
        String signature = fill(m.getProperty("signature"), values);

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {m.getProperty("label.invoice"), notice.invoiceId()});
        rows.add(new String[] {m.getProperty("label.amount"), values.get("amount")});
        if (notice.dueDate() != null) {
            rows.add(new String[] {m.getProperty("label.due"), values.get("due")});
        }
        if (notice.bank() != null) {
            rows.add(new String[] {m.getProperty("label.bank"), notice.bank()});
        }
        if (notice.vaNumber() != null) {
            rows.add(new String[] {m.getProperty("label.va"), notice.vaNumber()});
        }
        StringBuilder textRows = new StringBuilder();
        StringBuilder htmlRows = new StringBuilder();
        for (String[] row : rows) {
            textRows.append(row[0]).append(": ").append(row[1]).append('\n');
            htmlRows.append("<tr><td style=\"padding: 2px 12px 2px 0;\">").append(html(row[0]))
                    .append("</td><td><strong>").append(html(row[1])).append("</strong></td></tr>\n");
        }
        String linkLabel = m.getProperty("label.link");
        if (notice.paymentLink() != null) {
            textRows.append(linkLabel).append(": ").append(notice.paymentLink()).append('\n');
        }

        Map<String, String> text = new LinkedHashMap<>();
        text.put("greeting", greeting);
        text.put("intro", intro);
        text.put("details", textRows.toString());
        text.put("signature", signature);
        String plain = fill(templates.layout(dir, "email.txt"), text);

        Map<String, String> markup = new LinkedHashMap<>();
        markup.put("lang", lang);
        markup.put("subject", html(subject));
        markup.put("greeting", html(greeting));
        markup.put("intro", html(intro));
        markup.put("details", htmlRows.toString().strip());
        markup.put("link", notice.paymentLink() == null ? ""
                : "<p><a href=\"" + html(notice.paymentLink()) + "\">" + html(linkLabel) + "</a></p>");
        markup.put("signature", html(signature));
        String htmlPart = fill(templates.layout(dir, "email.html"), markup);
        return new EmailContent(subject, plain, htmlPart);
    }

    /**
     * The SMS: the first of {@code <kind>.sms}, {@code <kind>.sms.short} that fits one segment
     * (GSM-7 160 or UCS-2 70), else the shorter one.
     */
    public String sms(InvoiceNotice notice, Tenant tenant) {
        String lang = language(notice, tenant);
        Properties m = templates.messages(directory(tenant), lang);
        Map<String, String> values = values(notice, tenant, lang, true);
        String kind = notice.kind().name();
        String full = smsText(fill(m.getProperty(kind + ".sms"), values));
        if (SmsSegments.fitsOne(full)) {
            return full;
        }
        String shorter = smsText(fill(m.getProperty(kind + ".sms.short", full), values));
        return shorter.length() < full.length() ? shorter : full;
    }

    private static String smsText(String text) {
        return SmsSegments.plainSpaces(text).replaceAll(" {2,}", " ").strip();
    }

    private static Map<String, String> values(InvoiceNotice n, Tenant tenant, String lang, boolean sms) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", n.customerName() == null || n.customerName().isBlank() ? "" : n.customerName().strip());
        v.put("tenant", tenant.name());
        v.put("invoice", n.invoiceId());
        v.put("amount", MoneyFormat.amount(n.amount(), n.currency(), lang));
        v.put("paid", MoneyFormat.amount(n.amountPaid() != null ? n.amountPaid() : n.amount(), n.currency(), lang));
        v.put("due", sms ? MoneyFormat.shortDate(n.dueDate(), lang) : MoneyFormat.date(n.dueDate(), lang));
        v.put("bank", n.bank() == null ? "" : n.bank());
        v.put("va", n.vaNumber() != null ? n.vaNumber() : n.paymentLink() == null ? "" : n.paymentLink());
        v.put("link", n.paymentLink() == null ? "" : n.paymentLink());
        return v;
    }

    private static String directory(Tenant tenant) {
        return tenant.notifications() == null ? null : tenant.notifications().templates();
    }

    static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
