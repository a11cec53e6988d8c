package io.lintas.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Payment callbacks delivered three times each, against the hub as a process in the dev profile, whose sandbox
 * plays Xendit (tenant demo), Midtrans (tenant relmidtrans) and Stripe (tenant relstripe), the SMTP server and
 * Twilio. Per invoice: the request ({@code POST /api/invoices}), the ISSUED email; then the sandbox's "customer
 * pays" helper, which sends the provider's callback, signed as the provider signs it (Xendit x-callback-token,
 * Midtrans signature_key, Stripe-Signature), once; the harness delivers the same callback twice more, signed the
 * same way. Three orders of events, in turn:
 * <ul>
 *   <li>{@code in-order}: the three copies one after the other;</li>
 *   <li>{@code out-of-order}: the copies at once from three threads, and a stale "expired" callback of the same
 *       invoice (Xendit status EXPIRED, Midtrans transaction_status expire; properly signed) between them: the hub
 *       re-reads the bill at the provider, which says paid, so it changes nothing;</li>
 *   <li>{@code expiry-between}: the invoice is due yesterday, so the hub's schedule expires it (EXPIRED notice)
 *       before the customer pays; the late payment then makes it PAID, once.</li>
 * </ul>
 * Counted at the stand-ins: per invoice exactly one ISSUED and one PAID_RECEIPT email, one EXPIRED email exactly
 * for the expiry-between invoices, none for the others; no two emails with one Message-ID, no two identical SMS.
 */
final class CallbackScenario {

    static final String ADMIN = "admin:admin";
    static final String XENDIT_TOKEN = "demo-xendit-callback-token";
    static final String MIDTRANS_SERVER_KEY = "SB-Mid-server-reliability-harness";
    static final String STRIPE_WEBHOOK_SECRET = "whsec_reliability_harness_secret";
    static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"<([^\"@]+)@");
    enum Mode { IN_ORDER, OUT_OF_ORDER, EXPIRY_BETWEEN }

    record Invoice(String provider, String tenant, String id, Mode mode, String phone) {
    }

    record Result(int invoices, int callbacksSent, int callbacksAccepted, int staleSent, Map<String, Integer> receipts,
            Map<String, Integer> expired, Map<String, Integer> issued, int duplicateEmails, int duplicateSms, int smsTotal,
            List<Invoice> all, List<String> problems) {

        List<String> failures() {
            return problems;
        }

        void print(PrintStream out) {
            out.println("=== callbacks: " + invoices + " invoices (Xendit, Midtrans, Stripe), each callback delivered 3 times ===");
            Map<String, int[]> byMode = new LinkedHashMap<>();
            for (Invoice i : all) {
                int[] c = byMode.computeIfAbsent(i.provider() + " " + i.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        k -> new int[4]);
                c[0]++;
                c[1] += receipts.getOrDefault(i.id(), 0);
                c[2] += expired.getOrDefault(i.id(), 0);
                c[3] += issued.getOrDefault(i.id(), 0);
            }
            byMode.forEach((k, c) -> out.printf(Locale.ROOT, "  %-26s invoices %2d  ISSUED emails %2d  PAID_RECEIPT emails %2d  EXPIRED emails %2d%n",
                    k, c[0], c[3], c[1], c[2]));
            out.printf(Locale.ROOT, "callbacks sent         %d (+%d stale expiries), answered 2xx %d%n", callbacksSent, staleSent, callbacksAccepted);
            out.printf(Locale.ROOT, "duplicate emails       %d (same Message-ID twice)%n", duplicateEmails);
            out.printf(Locale.ROOT, "SMS                    %d, of which duplicates %d (same number, same text)%n", smsTotal, duplicateSms);
            out.printf(Locale.ROOT, "problems               %d%n", problems.size());
            problems.stream().limit(10).forEach(p -> out.println("  " + p));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String hub;
    private final String sandbox;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger stale = new AtomicInteger();

    private CallbackScenario(String hub, String sandbox) {
        this.hub = hub;
        this.sandbox = sandbox;
    }

    /** Two more tenants for the harness: the demo's notifications, billing at the sandbox Midtrans and Stripe. */
    static String extraTenants() {
        String notifications = """
                    notifications:
                      language: id
                      email:
                        from: "Reliability Billing <billing@reliability.example>"
                        smtp:
                          host: ${lintas.sandbox.smtp-host:127.0.0.1}
                          port: ${lintas.sandbox.smtp-port:1025}
                          tls: none
                      sms:
                        provider: twilio
                        twilio:
                          base-url: ${lintas.sandbox.twilio-url:https://api.twilio.com}
                          account-sid: ACdemo00000000000000000000000000
                          auth-token: demo-twilio-auth-token
                          from: "+15005550006"
                """;
        return """
                  - id: relmidtrans
                    name: Reliability harness (Midtrans)
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                """ + notifications + """
                    billing:
                      provider: midtrans
                      base-url: ${lintas.sandbox.midtrans-url:https://api.sandbox.midtrans.com}
                      secret-key: %s
                      banks: [BCA]
                      due-days: 3
                      reminder-days: 0
                      language: id
                      timeout: 20s
                  - id: relstripe
                    name: Reliability harness (Stripe)
                    region: ID
                    currency: IDR
                    time-zone: Asia/Jakarta
                """.formatted(MIDTRANS_SERVER_KEY) + notifications + """
                    billing:
                      provider: stripe
                      base-url: ${lintas.sandbox.stripe-url:https://api.stripe.com}
                      secret-key: sk_test_reliability_harness
                      webhook-secret: %s
                      due-days: 3
                      reminder-days: 0
                      language: id
                      timeout: 20s
                """.formatted(STRIPE_WEBHOOK_SECRET);
    }

    static Result run(Reliability.Options o) throws Exception {
        int sandboxPort = Reliability.freePort();
        List<String> args = new ArrayList<>(o.appArgs);
        args.add("--lintas.billing.due-period=1000");   // the expiry schedule every second, so an expiry can come between
        args.add("--lintas.billing.due-delay=1000");
        try (Hub hub = new Hub(o.launch, o.runDir.resolve("callbacks"), Reliability.freePort(), sandboxPort, null, o.heap, args)) {
            hub.start(o.startTimeout);
            return new CallbackScenario(hub.base(), "http://127.0.0.1:" + sandboxPort).exercise(o.invoices, new Random(o.seed));
        }
    }

    private Result exercise(int count, Random random) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String[][] providers = {{"xendit", "demo"}, {"midtrans", "relmidtrans"}, {"stripe", "relstripe"}};
        List<Invoice> invoices = new ArrayList<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Jakarta")).minusDays(1);
        for (int i = 0; i < count; i++) {
            String[] p = providers[i % 3];
            Mode mode = Mode.values()[(i / 3) % 3];
            String phone = String.format(Locale.ROOT, "+62813%08d", 10_000_000 + i);
            String body = """
                    {"tenant":"%s","requestKey":"rel-%s-%d","description":"Reliability order %d",%s
                     "customer":{"name":"Pelanggan Uji %d","email":"rel-%s-%d@reliability.example","phone":"%s","language":"id"},
                     "items":[{"name":"Paket Hemat","quantity":2,"price":50000},{"name":"Ongkir","price":50000}]}
                    """.formatted(p[1], run, i, i, mode == Mode.EXPIRY_BETWEEN ? "\"dueDate\":\"" + yesterday + "\"," : "",
                    i, run, i, phone);
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(hub + "/api/invoices"))
                    .header("Content-Type", "application/json").header("Authorization", basic(ADMIN))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            Matcher id = Pattern.compile("\"invoiceId\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 202 || !id.find()) {
                problems.add("invoice request " + i + " (" + p[1] + "): HTTP " + r.statusCode() + " " + r.body());
                continue;
            }
            invoices.add(new Invoice(p[0], p[1], id.group(1), mode, phone));
        }
        // every invoice issued (its email is out), the expiry-between ones expired by the schedule
        Hub.waitFor("the ISSUED emails and the expiries", Duration.ofMinutes(3), () -> {
            Map<String, Integer> mails = mailCounts();
            return invoices.stream().allMatch(inv -> mails.getOrDefault(inv.id() + ".ISSUED", 0) > 0
                    && (inv.mode() != Mode.EXPIRY_BETWEEN || mails.getOrDefault(inv.id() + ".EXPIRED", 0) > 0));
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (Invoice inv : invoices) {
            work.add(pool.submit(() -> {
                deliverThreeTimes(inv, random, problems);
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        // every invoice has its receipt; the payments route has handled every accepted callback
        int expectedHandled = accepted.get();
        Hub.waitFor("the receipts and every callback handled", Duration.ofMinutes(3), () -> {
            Map<String, Integer> mails = mailCounts();
            return invoices.stream().allMatch(inv -> mails.getOrDefault(inv.id() + ".PAID_RECEIPT", 0) > 0)
                    && routeExchanges("payments") >= expectedHandled && inflight("notify-customer") == 0;
        });
        Map<String, Integer> mails = mailCounts();
        Map<String, Integer> receipts = new HashMap<>();
        Map<String, Integer> expired = new HashMap<>();
        Map<String, Integer> issued = new HashMap<>();
        for (Invoice inv : invoices) {
            int paid = mails.getOrDefault(inv.id() + ".PAID_RECEIPT", 0);
            int exp = mails.getOrDefault(inv.id() + ".EXPIRED", 0);
            int iss = mails.getOrDefault(inv.id() + ".ISSUED", 0);
            receipts.put(inv.id(), paid);
            expired.put(inv.id(), exp);
            issued.put(inv.id(), iss);
            if (paid != 1) {
                problems.add(inv.provider() + " " + inv.mode() + " " + inv.id() + ": " + paid + " PAID_RECEIPT emails (want 1)");
            }
            if (iss != 1) {
                problems.add(inv.provider() + " " + inv.mode() + " " + inv.id() + ": " + iss + " ISSUED emails (want 1)");
            }
            int wantExpired = inv.mode() == Mode.EXPIRY_BETWEEN ? 1 : 0;
            if (exp != wantExpired) {
                problems.add(inv.provider() + " " + inv.mode() + " " + inv.id() + ": " + exp + " EXPIRED emails (want " + wantExpired + ")");
            }
        }
        int duplicateEmails = mailDuplicates;
        if (duplicateEmails > 0) {
            problems.add(duplicateEmails + " email(s) sent twice (same Message-ID)");
        }
        Map<String, Integer> sms = smsCounts();
        int smsTotal = sms.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateSms = sms.values().stream().mapToInt(n -> n - 1).sum();
        if (duplicateSms > 0) {
            problems.add(duplicateSms + " SMS sent twice (same number, same text)");
        }
        if (smsTotal == 0) {
            problems.add("no SMS recorded at the Twilio stand-in: the SMS count proves nothing");
        }
        if (invoices.isEmpty()) {
            problems.add("no invoice was issued");
        }
        return new Result(invoices.size(), sent.get(), accepted.get(), stale.get(), receipts, expired, issued, duplicateEmails,
                duplicateSms, smsTotal, invoices, problems);
    }

    /** The sandbox pays (callback 1, from the sandbox itself); the harness delivers the same callback twice more. */
    private void deliverThreeTimes(Invoice inv, Random random, List<String> problems) throws Exception {
        String path = switch (inv.provider()) {
            case "midtrans" -> "/sandbox/midtrans/orders/";
            case "stripe" -> "/sandbox/stripe/invoices/";
            default -> "/sandbox/xendit/invoices/";
        };
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(sandbox + path + inv.id() + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        sent.incrementAndGet();
        String answer = paid.body();
        Matcher status = Pattern.compile("\"delivery\"\\s*:\\s*\\{[^}]*\"status\"\\s*:\\s*(\\d+)").matcher(answer);
        if (paid.statusCode() != 200 || !status.find()) {
            problems.add(inv.provider() + " " + inv.id() + ": the sandbox could not pay / call back: " + answer);
            return;
        }
        if (status.group(1).startsWith("2")) {
            accepted.incrementAndGet();
        } else {
            problems.add(inv.provider() + " " + inv.id() + ": the sandbox's callback got HTTP " + status.group(1));
        }
        String callback = object(answer, "callback");
        List<Runnable> copies = new ArrayList<>();
        copies.add(() -> deliver(inv, callback, problems));
        copies.add(() -> deliver(inv, callback, problems));
        if (inv.mode() == Mode.OUT_OF_ORDER) {
            String expiry = staleExpiry(inv, callback);
            if (expiry != null) {
                copies.add(1, () -> {
                    stale.incrementAndGet();
                    post(inv, expiry, problems, true);
                });
            }
            Collections.shuffle(copies, random);
            List<Thread> threads = copies.stream().map(Thread::new).toList();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        } else {
            copies.forEach(Runnable::run);
        }
    }

    private void deliver(Invoice inv, String callback, List<String> problems) {
        sent.incrementAndGet();
        post(inv, callback, problems, false);
    }

    private void post(Invoice inv, String body, List<String> problems, boolean staleOne) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub + "/hooks/" + inv.tenant() + "/payments/" + inv.provider()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        switch (inv.provider()) {
            case "xendit" -> b.header("x-callback-token", XENDIT_TOKEN);
            case "stripe" -> b.header("Stripe-Signature", stripeSignature(body, System.currentTimeMillis() / 1000));
            default -> {
            }
        }
        try {
            HttpResponse<String> r = send(b);
            if (r.statusCode() / 100 == 2) {
                if (!staleOne) {
                    accepted.incrementAndGet();
                }
            } else {
                problems.add(inv.provider() + " " + inv.id() + (staleOne ? " stale expiry" : "") + ": callback answered HTTP "
                        + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            problems.add(inv.provider() + " " + inv.id() + ": callback failed: " + e);
        }
    }

    /** An older "it expired" callback of the same invoice, signed as the provider signs it; null for Stripe. */
    static String staleExpiry(Invoice inv, String callback) {
        if (inv.provider().equals("xendit")) {
            return callback.replaceFirst("\"status\"\\s*:\\s*\"PAID\"", "\"status\":\"EXPIRED\"");
        }
        if (inv.provider().equals("midtrans")) {
            String orderId = field(callback, "order_id");
            String gross = field(callback, "gross_amount");
            String signature = sha512(orderId + "407" + gross + MIDTRANS_SERVER_KEY);
            return callback.replaceFirst("\"transaction_status\"\\s*:\\s*\"[a-z_]+\"", "\"transaction_status\":\"expire\"")
                    .replaceFirst("\"status_code\"\\s*:\\s*\"\\d+\"", "\"status_code\":\"407\"")
                    .replaceFirst("\"signature_key\"\\s*:\\s*\"[0-9a-f]+\"", "\"signature_key\":\"" + signature + "\"");
        }
        return null;
    }

    /** Stripe-Signature: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body" with the endpoint secret>}. */
    static String stripeSignature(String body, long t) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(STRIPE_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha512(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /** A JSON string value, escapes kept. */
    static String string(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /** The JSON object under {@code "name":} in a JSON text, by brace matching (strings respected). */
    static String object(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('{', at);
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new IllegalStateException("no object " + name + " in " + json);
    }

    private int mailDuplicates;

    /** Emails at the sandbox SMTP server by Message-ID's local part ({@code <invoiceId>.<KIND>[.…]}), counted per invoice and kind. */
    private Map<String, Integer> mailCounts() {
        Map<String, Integer> byId = new HashMap<>();
        Map<String, Integer> byKind = new HashMap<>();
        try {
            String listing = send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/mail?summary=true")).GET()).body();
            Matcher m = MESSAGE_ID.matcher(listing);
            while (m.find()) {
                String local = m.group(1);
                byId.merge(local, 1, Integer::sum);
                String[] parts = local.split("\\.");
                if (parts.length >= 2) {
                    byKind.merge(parts[0] + "." + parts[1], 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            return byKind;
        }
        mailDuplicates = byId.values().stream().mapToInt(n -> n - 1).sum();
        return byKind;
    }

    private Map<String, Integer> smsCounts() throws IOException, InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        String listing = send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/sms")).GET()).body();
        // the Twilio stand-in lists messages as Twilio does: {"account_sid":…,"body":…,"subresource_uris":{…},"to":…}
        String[] messages = listing.split("\\{\\s*\"account_sid\"");
        for (int i = 1; i < messages.length; i++) {
            counts.merge(string(messages[i], "to") + "|" + string(messages[i], "body"), 1, Integer::sum);
        }
        return counts;
    }

    /** camel.exchanges.succeeded + failed of a route (Camel's route metrics at /actuator/metrics). */
    private long routeExchanges(String route) {
        return metric("camel.exchanges.succeeded", route) + metric("camel.exchanges.failed", route);
    }

    private long inflight(String route) {
        return metric("camel.exchanges.inflight", route);
    }

    private long metric(String name, String route) {
        try {
            String body = send(HttpRequest.newBuilder(URI.create(hub + "/actuator/metrics/" + name + "?tag=routeId:" + route))
                    .header("Authorization", basic(ADMIN)).GET()).body();
            Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
