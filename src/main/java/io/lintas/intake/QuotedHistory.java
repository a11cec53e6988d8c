package io.lintas.intake;

import java.util.regex.Pattern;

/**
 * Cuts the quoted history off a reply, so the lead's message is what the person wrote now: lines
 * starting with "&gt;", and everything after an "On … wrote:" line or an "Original Message" marker
 * (a heuristic: contract D2 marks it unverified). When nothing would be left, the text is kept as is.
 */
final class QuotedHistory {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?iu)^.{0,300}(wrote|schrieb|a écrit|escribió|menulis|пишет|написал\\(а\\)|написала|написал)\\s*:\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile(
            "(?iu)^\\s*-{2,}\\s*(original message|исходное сообщение|pesan asli|ursprüngliche nachricht)\\s*-{2,}\\s*$");
    private static final Pattern OUTLOOK_HEADER = Pattern.compile("(?iu)^\\s*(from|от|dari|von)\\s*:.+");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(?iu)^\\s*(sent|отправлено|dikirim|gesendet|date|дата)\\s*:.+");

    private QuotedHistory() {
    }

    /** "On 3 Mar 2025, Ann &lt;ann@x.id&gt; wrote:": the verb at the end, and a date or an address in it. */
    private static boolean isAttribution(String line) {
        return ATTRIBUTION.matcher(line).matches() && line.chars().anyMatch(c -> Character.isDigit(c) || c == '@');
    }

    static String strip(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean attribution = isAttribution(line)
                    || (line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("on ") && i + 1 < lines.length
                        && isAttribution(line + " " + lines[i + 1])); // wrapped by the mailer
            boolean outlook = OUTLOOK_HEADER.matcher(line).matches() && i + 1 < lines.length
                    && (OUTLOOK_SENT.matcher(lines[i + 1]).matches()
                        || (i + 2 < lines.length && OUTLOOK_SENT.matcher(lines[i + 2]).matches()))
                    && i > 0 && (lines[i - 1].isBlank() || lines[i - 1].strip().matches("_{5,}"));
            if (attribution || ORIGINAL.matcher(line).matches() || outlook) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            out.append(line).append('\n');
        }
        String stripped = out.toString().replaceAll("(?m)^_{5,}\\s*$", "").strip();
        return stripped.isEmpty() ? text.strip() : stripped;
    }
}
