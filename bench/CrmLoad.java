import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CRM delivery load (JDK only): posts --leads distinct web-form leads to the demo tenant of a running
 * app whose Bitrix24 portal is bench/Bitrix24StandIn.java, then watches the stand-in until every lead
 * is a Bitrix24 lead with its task, and prints the commands/s the portal ran against the ceiling
 * (requests/s x 50 commands per batch), leads lost, records made twice and 503s left unretried.
 *
 * <pre>java bench/CrmLoad.java --app http://127.0.0.1:8080 --portal http://127.0.0.1:18080 --leads 1000</pre>
 */
public class CrmLoad {

    public static void main(String[] args) throws Exception {
        String app = "http://127.0.0.1:8080";
        String portal = "http://127.0.0.1:18080";
        int leads = 1000;
        int concurrency = 16;
        int timeout = 900;
        int skip = 30;
        double ceiling = 100;
        String admin = "admin:admin";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--app" -> app = args[i + 1];
                case "--portal" -> portal = args[i + 1];
                case "--leads" -> leads = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeout = Integer.parseInt(args[i + 1]);
                case "--skip" -> skip = Integer.parseInt(args[i + 1]);
                case "--ceiling" -> ceiling = Double.parseDouble(args[i + 1]);
                case "--admin" -> admin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (flags: --app --portal --leads --concurrency --timeout --skip --ceiling --admin)");
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

        Stats start = stats(http, portal);
        long watchStart = System.currentTimeMillis();

        // 1. the leads, through the demo tenant's html form (durable ack: 2xx means on lintas.intake)
        long postStart = System.nanoTime();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> posts = new ArrayList<>();
        String form = app + "/hooks/demo/forms/contact?token=demo-form-token";
        for (int i = 0; i < leads; i++) {
            int n = i;
            posts.add(pool.submit(() -> {
                String body = "name=" + enc("Bench Pelanggan " + run + " " + n)
                        + "&phone=" + enc(String.format(Locale.ROOT, "+62811%08d", 10_000_000 + n))
                        + "&email=" + enc("bench-" + run + "-" + n + "@bench.example")
                        + "&message=" + enc("Mohon hubungi saya, permintaan " + n);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(form))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    (r.statusCode() / 100 == 2 ? acked : refused).incrementAndGet();
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : posts) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "posted %d leads in %.1f s: %d acked, %d refused%n", leads,
                (System.nanoTime() - postStart) / 1e9, acked.get(), refused.get());

        // 2. watch the portal until every acked lead is a lead with a task, or nothing moves for 60 s
        List<long[]> samples = new ArrayList<>(); // {ms, commands, accepted}
        samples.add(new long[] {watchStart, start.commands, start.accepted});
        long deadline = System.currentTimeMillis() + timeout * 1000L;
        long lastProgress = System.currentTimeMillis();
        Stats s = start;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            Stats now = stats(http, portal);
            samples.add(new long[] {System.currentTimeMillis(), now.commands, now.accepted});
            if (now.commands != s.commands) {
                lastProgress = System.currentTimeMillis();
            }
            s = now;
            if (samples.size() % 10 == 0) {
                System.out.printf(Locale.ROOT, "  t=%3ds leads %d/%d, tasks %d, commands %d, requests %d, 503s %d%n",
                        samples.size(), s.leads - start.leads, acked.get(), s.tasks - start.tasks,
                        s.commands - start.commands, s.accepted - start.accepted, s.rejected - start.rejected);
            }
            if (s.tasks - start.tasks >= acked.get() && s.leads - start.leads >= acked.get()) {
                break;
            }
            if (System.currentTimeMillis() - lastProgress > 60_000) {
                System.out.println("  no progress for 60 s: stopping the watch");
                break;
            }
        }
        Stats end = s;

        // 3. figures
        long commands = end.commands - start.commands;
        long requests = end.accepted - start.accepted;
        double span = Math.max(1, end.lastAcceptedMs - Math.max(start.lastAcceptedMs, end.firstAcceptedMs)) / 1000.0;
        double overall = commands / span;
        // sustained: past the first --skip s (the portal's burst of 50 requests is spent by then), up to the
        // last sample that still had work queued (10 s before the end)
        double sustained = Double.NaN;
        int from = Math.min(skip, samples.size() - 1);
        int to = samples.size() - 11;
        if (to > from) {
            long[] a = samples.get(from);
            long[] b = samples.get(to);
            sustained = (b[1] - a[1]) / ((b[0] - a[0]) / 1000.0);
        }
        int dead = deadLetters(http, app, admin);
        long lost = acked.get() - (end.leads - start.leads);
        long untasked = acked.get() - (end.tasks - start.tasks);
        System.out.println();
        System.out.println("=== CRM delivery through one rate-limited portal (burst 50, 2 requests/s) ===");
        System.out.printf(Locale.ROOT, "leads acked                 %d%n", acked.get());
        System.out.printf(Locale.ROOT, "Bitrix24 leads / tasks      %d / %d%n", end.leads - start.leads, end.tasks - start.tasks);
        System.out.printf(Locale.ROOT, "commands run by the portal  %d in %d batch requests (%.1f commands per request)%n",
                commands, requests, requests == 0 ? 0.0 : (double) commands / requests);
        System.out.printf(Locale.ROOT, "commands/s overall          %.1f over %.0f s (%.0f%% of the %.0f/s ceiling; includes the initial burst)%n",
                overall, span, 100 * overall / ceiling, ceiling);
        System.out.printf(Locale.ROOT, "commands/s sustained        %.1f (%.0f%% of the ceiling; t=%ds..t=%ds of the watch)%n",
                sustained, 100 * sustained / ceiling, from + 1, to + 1);
        System.out.printf(Locale.ROOT, "503 QUERY_LIMIT_EXCEEDED    %d answered by the portal%n", end.rejected - start.rejected);
        System.out.printf(Locale.ROOT, "leads lost                  %d (acked but no Bitrix24 lead)%n", lost);
        System.out.printf(Locale.ROOT, "leads without a task        %d%n", untasked);
        System.out.printf(Locale.ROOT, "made twice                  leads %d, tasks %d%n",
                end.duplicateLeads - start.duplicateLeads, end.duplicateTasks - start.duplicateTasks);
        System.out.printf(Locale.ROOT, "dead-lettered (crm, tasks)  %s%n", dead < 0 ? "unknown (admin API)" : Integer.toString(dead));
        System.out.printf(Locale.ROOT, "503s left unretried         %d (leads lost or dead-lettered after a 503)%n",
                Math.max(0, lost) + Math.max(0, dead));
    }

    record Stats(long accepted, long rejected, long commands, long firstAcceptedMs, long lastAcceptedMs, long leads,
            long tasks, long duplicateLeads, long duplicateTasks) {
    }

    static Stats stats(HttpClient http, String portal) throws Exception {
        String j = http.send(HttpRequest.newBuilder(URI.create(portal + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Stats(num(j, "accepted"), num(j, "rejected503"), num(j, "commands"), num(j, "firstAcceptedMs"),
                num(j, "lastAcceptedMs"), num(j, "leads"), num(j, "tasks"), num(j, "duplicateLeads"), num(j, "duplicateTasks"));
    }

    static int deadLetters(HttpClient http, String app, String admin) {
        int total = 0;
        for (String stage : List.of("crm", "tasks")) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app + "/api/dlq/" + stage))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(admin.getBytes(StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return -1;
                }
                Matcher m = Pattern.compile("\"(?:count|depth|total|size)\"\\s*:\\s*(\\d+)").matcher(r.body());
                if (m.find()) {
                    total += Integer.parseInt(m.group(1));
                } else {
                    return -1;
                }
            } catch (Exception e) {
                return -1;
            }
        }
        return total;
    }

    static long num(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
