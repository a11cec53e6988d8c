import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invoice latency driver (JDK only; run with `java bench/InvoiceLatency.java --help`): posts invoice requests for the
 * demo tenant to POST /api/invoices at a steady rate (open loop), then reads the sandbox SMTP server's listing
 * (GET <sandbox>/sandbox/mail?summary=true) until every invoice's ISSUED email (Message-ID <invoiceId.ISSUED@…>) is
 * there, and prints the time from "request accepted" (the 202 received) to "email delivered" (the sandbox SMTP
 * server's receive time, same machine clock): count, p50, p90, p99, max, and whether p99 ≤ the goal.
 */
public class InvoiceLatency {

    static String url = "http://127.0.0.1:8080";
    static String sandbox;
    static int count = 200;
    static double rate = 10;
    static int warmup = 10;
    static String user = "admin";
    static String password = "admin";
    static String tenant = "demo";
    static long timeoutMs = 120_000;
    static double goalSeconds = 5;

    record Sent(String invoiceId, long sentAt, long acceptedAt) {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--url" -> url = args[++i];
                case "--sandbox" -> sandbox = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--tenant" -> tenant = args[++i];
                case "--timeout" -> timeoutMs = Long.parseLong(args[++i]) * 1000;
                case "--goal" -> goalSeconds = Double.parseDouble(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("""
                            InvoiceLatency --url http://127.0.0.1:8080 --sandbox http://127.0.0.1:18090
                              [--count 200] [--rate 10 (requests/s)] [--warmup 10] [--user admin] [--password admin]
                              [--tenant demo] [--timeout 120 (s to wait for the last email)] [--goal 5 (s, p99)]""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown flag " + a + " (try --help)");
            }
        }
        if (sandbox == null) {
            throw new IllegalArgumentException("--sandbox <sandbox base URL> is required (the log's SANDBOX line)");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (warmup > 0) {
            System.out.printf("invoice-latency: warm-up, %d invoices%n", warmup);
            List<Sent> warm = fire(http, run + "-w", warmup, Math.min(rate, 5));
            await(http, warm, 60_000);
        }
        System.out.printf("invoice-latency: %d invoice requests at %.1f/s to %s/api/invoices (tenant %s)%n", count, rate, url, tenant);
        long start = System.currentTimeMillis();
        List<Sent> sent = fire(http, run, count, rate);
        long firedIn = System.currentTimeMillis() - start;
        Map<String, Long> delivered = await(http, sent, timeoutMs);

        List<Long> fromAccepted = new ArrayList<>();
        List<Long> fromSent = new ArrayList<>();
        List<Long> acceptTimes = new ArrayList<>();
        int refused = 0;
        for (Sent s : sent) {
            if (s.invoiceId == null) {
                refused++;
                continue;
            }
            acceptTimes.add(s.acceptedAt - s.sentAt);
            Long at = delivered.get(s.invoiceId);
            if (at != null) {
                fromAccepted.add(Math.max(0, at - s.acceptedAt));
                fromSent.add(Math.max(0, at - s.sentAt));
            }
        }
        Collections.sort(fromAccepted);
        Collections.sort(fromSent);
        Collections.sort(acceptTimes);
        int accepted = sent.size() - refused;
        System.out.printf("invoice-latency: requests %d, accepted (202) %d, refused %d, fired in %.1f s (%.1f/s)%n",
                sent.size(), accepted, refused, firedIn / 1000.0, sent.size() * 1000.0 / Math.max(1, firedIn));
        System.out.printf("invoice-latency: emails delivered %d of %d, missing %d%n", fromAccepted.size(), accepted,
                accepted - fromAccepted.size());
        System.out.printf("invoice-latency: API answer (sent → 202)      p50 %s  p99 %s  max %s%n",
                ms(p(acceptTimes, 50)), ms(p(acceptTimes, 99)), ms(max(acceptTimes)));
        System.out.printf("invoice-latency: accepted → email delivered   p50 %s  p90 %s  p99 %s  max %s  (count %d)%n",
                ms(p(fromAccepted, 50)), ms(p(fromAccepted, 90)), ms(p(fromAccepted, 99)), ms(max(fromAccepted)), fromAccepted.size());
        System.out.printf("invoice-latency: sent → email delivered       p50 %s  p99 %s%n", ms(p(fromSent, 50)), ms(p(fromSent, 99)));
        boolean met = accepted == count && fromAccepted.size() == accepted && p(fromAccepted, 99) <= goalSeconds * 1000;
        System.out.printf("invoice-latency: goal p99 ≤ %.1f s with every email delivered: %s%n", goalSeconds, met ? "MET" : "NOT MET");
    }

    /** Open loop: request i leaves at start + i/rate, whatever the answers before it. */
    static List<Sent> fire(HttpClient http, String run, int n, double perSecond) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<Sent>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + (long) (i * 1e9 / perSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = """
                    {"tenant":"%s","requestKey":"bench-%s-%d","description":"Bench order %d",
                     "customer":{"name":"Budi Santoso","email":"bench%d@example.co.id","phone":"0812-3456-%04d","language":"id"},
                     "items":[{"name":"Paket Hemat","quantity":2,"price":50000},{"name":"Ongkir","price":50000}]}
                    """.formatted(tenant, run, i, i, i, i % 10000);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/invoices")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long sentAt = System.currentTimeMillis();
            futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                long acceptedAt = System.currentTimeMillis();
                if (e != null || r.statusCode() != 202) {
                    System.err.println("invoice-latency: refused: " + (e != null ? e : r.statusCode() + " " + r.body()));
                    return new Sent(null, sentAt, acceptedAt);
                }
                Matcher m = Pattern.compile("\"invoiceId\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
                return new Sent(m.find() ? m.group(1) : null, sentAt, acceptedAt);
            }));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Reads the sandbox SMTP listing until every accepted invoice's ISSUED email is there: invoice id → received ms. */
    static Map<String, Long> await(HttpClient http, List<Sent> sent, long timeout) throws Exception {
        Map<String, Long> found = new ConcurrentHashMap<>();
        long want = sent.stream().filter(s -> s.invoiceId != null).count();
        long deadline = System.currentTimeMillis() + timeout;
        Pattern entry = Pattern.compile("\\{[^{}]*?\"receivedAtMillis\"\\s*:\\s*(\\d+)[^{}]*?\"messageId\"\\s*:\\s*\"<([^.@\"]+)\\.ISSUED@[^{}]*\\}");
        while (found.size() < want && System.currentTimeMillis() < deadline) {
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/mail?summary=true")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = entry.matcher(listing.body());
            while (m.find()) {
                found.putIfAbsent(m.group(2), Long.parseLong(m.group(1)));
            }
            found.keySet().retainAll(sent.stream().filter(s -> s.invoiceId != null).map(Sent::invoiceId).toList());
            if (found.size() < want) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
        }
        return found;
    }

    static long p(List<Long> sorted, double pct) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static long max(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }

    static String ms(long v) {
        return v < 0 ? "n/a" : v + " ms";
    }
}
