package io.lintas.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reliability harness: the hub as a real process, the external SaaS as stand-ins in this process.
 *
 * <ul>
 *   <li>{@code crash}: leads at a steady rate, the hub {@code kill -9}ed at random moments and restarted on the
 *       same data directory; every lead that got a 2xx must be created in the Bitrix24 stand-in exactly once;</li>
 *   <li>{@code outage}: the stand-in answers 503 (bare, and QUERY_LIMIT_EXCEEDED) for a while under load;
 *       everything is delivered after it, none twice; figures: the retry rate during the outage, the drain time;</li>
 *   <li>{@code callbacks}: payment callbacks three times each, some out of order, some with an expiry in
 *       between; one state transition and one notification each ({@link CallbackScenario}).</li>
 * </ul>
 *
 * <pre>bench/reliability.sh [crash|outage|callbacks|all] [--leads N] [--rate N] [--kills N] [--outage S] ...</pre>
 * Exit status 1 when a scenario lost or duplicated anything (or could not run), else 0.
 */
public final class Reliability {

    /** The scenario settings; the defaults are the long versions. */
    static final class Options {
        List<String> launch = new ArrayList<>();
        Path runDir;
        String heap = "768m";
        int leads = 20_000;
        double rate = 60;
        int connections = 16;
        int kills = 5;
        long seed = System.nanoTime();
        int outageSeconds = 120;
        int outageLeads = -1;      // -1: rate x (warm-up + outage)
        double outageRate = 10;
        int warmupSeconds = 15;
        int invoices = 12;
        Duration drainLimit = Duration.ofMinutes(15);
        Duration stall = Duration.ofMinutes(5);        // no new CRM lead or task for this long: what is missing is lost
        Duration startTimeout = Duration.ofMinutes(10); // a hub start on a loaded 2-core machine took up to 3 min
        List<String> appArgs = new ArrayList<>();
    }

    private Reliability() {
    }

    /** The repository root: -Dlintas.root, else the working directory (bench/reliability.sh and surefire run from it). */
    static Path root() {
        return Path.of(System.getProperty("lintas.root", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------------------------ crash

    /** Counts of one crash run; {@link #failures()} is empty when every acked lead is in the CRM exactly once. */
    record CrashResult(int posted, int accepted, int delivered, int lost, int duplicated, int refusedWhileDown,
            int noAnswer, int rejected, int deliveredWithoutAck, List<String> kills, double seconds, double drainSeconds,
            List<Double> startSeconds, List<String> lostIds, Map<String, Integer> duplicates, int crmLeads, int tasks,
            long duplicateTasks, String deadLetters, Map<String, List<String>> rehanded) {

        List<String> failures() {
            List<String> f = taskFailures(crmLeads, tasks, duplicateTasks);
            if (lost > 0) {
                f.add(lost + " acked lead(s) never reached the CRM, e.g. " + lostIds.subList(0, Math.min(5, lostIds.size())));
            }
            if (duplicated > 0) {
                f.add(duplicated + " lead(s) created more than once in the CRM: " + first(duplicates));
            }
            if (accepted == 0) {
                f.add("no lead was accepted at all");
            }
            return f;
        }

        void print(PrintStream out) {
            out.println("=== crash: " + posted + " leads, " + kills.size() + " x kill -9 + restart ===");
            kills.forEach(k -> out.println("  " + k));
            out.printf(Locale.ROOT, "posted                 %d in %.0f s%n", posted, seconds);
            out.printf(Locale.ROOT, "accepted (2xx)         %d%n", accepted);
            out.printf(Locale.ROOT, "refused while down     %d (connection refused)%n", refusedWhileDown);
            out.printf(Locale.ROOT, "no answer              %d (connection cut by a kill, or timed out)%n", noAnswer);
            out.printf(Locale.ROOT, "other non-2xx          %d%n", rejected);
            out.printf(Locale.ROOT, "delivered (acked)      %d (Bitrix24 leads with ORIGIN_ID = an acked lead id)%n", delivered);
            out.printf(Locale.ROOT, "delivered, never acked %d (the kill came after the durable enqueue, before the 2xx)%n", deliveredWithoutAck);
            out.printf(Locale.ROOT, "lost                   %d%n", lost);
            out.printf(Locale.ROOT, "duplicated             %d%n", duplicated);
            out.printf(Locale.ROOT, "tasks                  %d for %d CRM leads, %d made twice%n", tasks, crmLeads, duplicateTasks);
            out.printf(Locale.ROOT, "dead-lettered          %s%n", deadLetters);
            out.printf(Locale.ROOT, "rehanded by the sweep  %s%n", Reliability.rehanded(rehanded));
            out.printf(Locale.ROOT, "drain after last post  %.1f s%n", drainSeconds);
            out.printf(Locale.ROOT, "hub start times        %s s%n", fmt(startSeconds));
        }
    }

    /**
     * The crash run's hub looks for lost hand-offs every 5 s and hands again a lead that stood 90 s with nothing queued
     * for it (the default 30 min would outlast the run). No outage here, so no message waits out a long backoff.
     */
    static List<String> crashArgs(List<String> appArgs) {
        List<String> args = new ArrayList<>(List.of("--lintas.sweep.interval=5000", "--lintas.sweep.stuck-after=90s"));
        args.addAll(appArgs);
        return args;
    }

    static CrashResult crash(Options o) throws Exception {
        Random random = new Random(o.seed);
        try (PortalStandIn portal = new PortalStandIn(250, 1000);
                Hub hub = new Hub(o.launch, o.runDir.resolve("crash"), freePort(), freePort(), portal.webhookUrl(), o.heap,
                        crashArgs(o.appArgs))) {
            hub.start(o.startTimeout);
            LeadPoster poster = new LeadPoster(hub.base(), o.leads, o.rate);
            double postSeconds = o.leads / o.rate;
            // kill moments: random points of the posting timetable; each waits for some leads acked since the last
            // start (a kill with nothing in flight proves little); once the poster is done, kills hit the drain
            List<Double> at = new ArrayList<>();
            for (int k = 0; k < o.kills; k++) {
                at.add(0.05 + 0.85 * random.nextDouble());
            }
            at.sort(Comparator.naturalOrder());
            Thread posting = posting(poster, o.connections);
            ScheduledExecutorService progress = progress("crash", poster, portal);
            List<String> kills = new ArrayList<>();
            int minAcks = Math.max(5, Math.min(200, o.leads / 50));
            for (double fraction : at) {
                int ackedAtStart = poster.acked.size();
                int crmAtStart = portal.leadsCreated();
                Hub.waitFor("the kill moment", Duration.ofSeconds((long) postSeconds + 900), () -> posting.isAlive()
                        ? poster.sent() >= fraction * o.leads && poster.acked.size() - ackedAtStart >= minAcks
                        : portal.leadsCreated() > crmAtStart || portal.leadAdds().keySet().containsAll(poster.acked));
                String phase = posting.isAlive() ? "posting" : "draining";
                int ackedBefore = poster.acked.size();
                int inCrm = portal.leadsCreated();
                long pid = hub.pid();
                hub.kill9();
                double killedAt = poster.elapsedSeconds();
                hub.start(o.startTimeout);
                kills.add(String.format(Locale.ROOT, "kill -9 pid %d at t=%.1f s (%s; %d acked, %d in the CRM so far), UP again after %.1f s",
                        pid, killedAt, phase, ackedBefore, inCrm,
                        poster.elapsedSeconds() - killedAt));
            }
            posting.join();
            double seconds = poster.elapsedSeconds();
            long drainStart = System.nanoTime();
            drain(poster, portal, o);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            progress.shutdownNow();
            Map<String, Integer> adds = portal.leadAdds();
            List<String> lost = new ArrayList<>();
            int delivered = 0;
            for (String id : poster.acked) {
                if (adds.containsKey(id)) {
                    delivered++;
                } else {
                    lost.add(id);
                }
            }
            Map<String, Integer> dups = new TreeMap<>();
            adds.forEach((id, n) -> {
                if (n > 1) {
                    dups.put(id, n);
                }
            });
            int withoutAck = (int) adds.keySet().stream().filter(id -> !poster.acked.contains(id)).count();
            return new CrashResult(poster.sent(), poster.acked.size(), delivered, lost.size(), dups.size(), poster.refused.get(),
                    poster.noAnswer.get(), poster.rejected.get(), withoutAck, kills, seconds, drainSeconds, hub.startSeconds(), lost,
                    dups, portal.leadsCreated(), portal.tasksCreated(), portal.duplicateTasks(), hub.deadLetters(),
                    hub.rehanded());
        }
    }

    /** "0", or "3 (lintas.crm 2, lintas.tasks 1), e.g. [ids]": hand-offs lost in a crash that the sweep recovered. */
    static String rehanded(Map<String, List<String>> byQueue) {
        int total = byQueue.values().stream().mapToInt(List::size).sum();
        if (total == 0) {
            return "0 (no hand-off had to be recovered)";
        }
        StringBuilder out = new StringBuilder().append(total).append(" (");
        byQueue.forEach((queue, ids) -> out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ").append(queue).append(' ')
                .append(ids.size()));
        List<String> ids = byQueue.values().stream().flatMap(List::stream).limit(5).toList();
        return out.append("), e.g. ").append(ids).append(": a hand-off lost in a crash, found by the sweep, delivered once")
                .toString();
    }

    // ------------------------------------------------------------------------------------------ outage

    record OutageResult(int accepted, int delivered, int lost, int duplicated, int outageSeconds, long requestsDuringOutage,
            int peakRetryRate, double meanRetryRate, double firstTenthRate, double lastTenthRate, double drainSeconds,
            long outageAnswers, long limitedAfter, List<String> perTenSeconds, Map<String, Integer> duplicates,
            List<String> lostIds, int crmLeads, int tasks, long duplicateTasks, String deadLetters) {

        List<String> failures() {
            List<String> f = taskFailures(crmLeads, tasks, duplicateTasks);
            if (lost > 0) {
                f.add(lost + " acked lead(s) not delivered after the outage, e.g. " + lostIds.subList(0, Math.min(5, lostIds.size())));
            }
            if (duplicated > 0) {
                f.add(duplicated + " lead(s) created more than once: " + first(duplicates));
            }
            if (accepted == 0) {
                f.add("no lead was accepted at all");
            }
            return f;
        }

        void print(PrintStream out) {
            out.println("=== outage: the CRM answers 503 / QUERY_LIMIT_EXCEEDED for " + outageSeconds + " s under load ===");
            out.printf(Locale.ROOT, "accepted (2xx)         %d%n", accepted);
            out.printf(Locale.ROOT, "delivered              %d%n", delivered);
            out.printf(Locale.ROOT, "lost                   %d%n", lost);
            out.printf(Locale.ROOT, "duplicated             %d%n", duplicated);
            out.printf(Locale.ROOT, "tasks                  %d for %d CRM leads, %d made twice%n", tasks, crmLeads, duplicateTasks);
            out.printf(Locale.ROOT, "dead-lettered          %s%n", deadLetters);
            out.printf(Locale.ROOT, "requests in the outage %d (all answered 503)%n", requestsDuringOutage);
            out.printf(Locale.ROOT, "peak retry rate        %d requests/s (mean %.2f/s; first tenth %.2f/s, last tenth %.2f/s)%n",
                    peakRetryRate, meanRetryRate, firstTenthRate, lastTenthRate);
            out.println("requests per 10 s      " + String.join(" ", perTenSeconds));
            out.printf(Locale.ROOT, "drain after recovery   %.1f s (outage end -> every acked lead and its task in the CRM)%n", drainSeconds);
        }
    }

    static OutageResult outage(Options o) throws Exception {
        try (PortalStandIn portal = new PortalStandIn(250, 25);
                Hub hub = new Hub(o.launch, o.runDir.resolve("outage"), freePort(), freePort(), portal.webhookUrl(), o.heap,
                        o.appArgs)) {
            hub.start(o.startTimeout);
            int leads = o.outageLeads > 0 ? o.outageLeads : (int) (o.outageRate * (o.warmupSeconds + o.outageSeconds));
            LeadPoster poster = new LeadPoster(hub.base(), leads, o.outageRate);
            Thread posting = posting(poster, 4);
            ScheduledExecutorService progress = progress("outage", poster, portal);
            Hub.waitFor("the warm-up", Duration.ofMinutes(5), () -> poster.elapsedSeconds() >= o.warmupSeconds);
            portal.outage(true);
            long outageStart = System.currentTimeMillis();
            Hub.waitFor("the outage's end", Duration.ofSeconds(o.outageSeconds + 60),
                    () -> System.currentTimeMillis() - outageStart >= o.outageSeconds * 1000L);
            portal.outage(false);
            long outageEnd = System.currentTimeMillis();
            long limitedBefore = portal.limited();
            posting.join();
            drain(poster, portal, o);
            long drained = System.currentTimeMillis(); // every acked lead and its task in the CRM (or given up)
            progress.shutdownNow();
            TreeMap<Long, Integer> perSecond = portal.requestsPerSecond(outageStart, outageEnd);
            long total = perSecond.values().stream().mapToLong(Integer::longValue).sum();
            int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int[] series = new int[o.outageSeconds];
            perSecond.forEach((sec, n) -> {
                int i = (int) (sec - outageStart / 1000);
                if (i >= 0 && i < series.length) {
                    series[i] += n;
                }
            });
            int tenth = Math.max(1, series.length / 10);
            double first = 0;
            double last = 0;
            for (int i = 0; i < tenth; i++) {
                first += series[i];
                last += series[series.length - 1 - i];
            }
            List<String> perTen = new ArrayList<>();
            for (int i = 0; i < series.length; i += 10) {
                int sum = 0;
                for (int j = i; j < Math.min(series.length, i + 10); j++) {
                    sum += series[j];
                }
                perTen.add(Integer.toString(sum));
            }
            Map<String, Integer> adds = portal.leadAdds();
            List<String> lost = poster.acked.stream().filter(id -> !adds.containsKey(id)).toList();
            Map<String, Integer> dups = new TreeMap<>();
            adds.forEach((id, n) -> {
                if (n > 1) {
                    dups.put(id, n);
                }
            });
            int delivered = (int) poster.acked.stream().filter(adds::containsKey).count();
            return new OutageResult(poster.acked.size(), delivered, lost.size(), dups.size(), o.outageSeconds, total, peak,
                    total / (double) o.outageSeconds, first / tenth, last / tenth,
                    Math.max(0, drained - outageEnd) / 1000.0, portal.outageAnswers(), portal.limited() - limitedBefore, perTen,
                    dups, lost, portal.leadsCreated(), portal.tasksCreated(), portal.duplicateTasks(), hub.deadLetters());
        }
    }

    // ------------------------------------------------------------------------------------------ shared

    private static Thread posting(LeadPoster poster, int connections) {
        Thread t = new Thread(() -> {
            try {
                poster.run(connections);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lead-poster");
        t.start();
        return t;
    }

    /** A line every 30 s on stdout, so a long run shows it is alive. */
    private static ScheduledExecutorService progress(String scenario, LeadPoster poster, PortalStandIn portal) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT,
                "  %s t=%.0f s: posted %d, acked %d, refused %d, in the CRM %d, tasks %d, portal requests %d%n",
                scenario, poster.elapsedSeconds(), poster.sent(), poster.acked.size(), poster.refused.get(),
                portal.leadsCreated(), portal.tasksCreated(), portal.requests()), 30, 30, TimeUnit.SECONDS);
        return ticker;
    }

    /**
     * Waits until every acked lead is in the CRM stand-in with its task; gives up at {@code o.drainLimit}, or when the stand-in
     * has created nothing new for {@code o.stall} (what is missing then is lost, and the caller reports it).
     */
    private static void drain(LeadPoster poster, PortalStandIn portal, Options o) {
        long deadline = System.nanoTime() + o.drainLimit.toNanos();
        int[] last = {-1};
        long[] lastChange = {System.nanoTime()};
        try {
            Hub.waitFor("every acked lead in the CRM", o.drainLimit.plusSeconds(5), () -> {
                Map<String, Integer> adds = portal.leadAdds();
                int tasks = portal.tasksCreated();
                if (adds.keySet().containsAll(poster.acked) && tasks >= adds.size()) {
                    return true;
                }
                if (adds.size() + tasks != last[0]) {
                    last[0] = adds.size() + tasks;
                    lastChange[0] = System.nanoTime();
                }
                return System.nanoTime() - lastChange[0] > o.stall.toNanos() || System.nanoTime() > deadline;
            });
        } catch (IllegalStateException timedOut) {
            // reported as lost by the caller
        }
    }

    /** Every lead in the CRM gets its dispatcher's task (the next stage), once. */
    static List<String> taskFailures(int crmLeads, int tasks, long duplicateTasks) {
        List<String> f = new ArrayList<>();
        if (tasks < crmLeads) {
            f.add((crmLeads - tasks) + " CRM lead(s) without their task (lost in the task stage)");
        }
        if (duplicateTasks > 0) {
            f.add(duplicateTasks + " task(s) created twice");
        }
        return f;
    }

    private static String first(Map<String, Integer> m) {
        StringBuilder s = new StringBuilder();
        m.entrySet().stream().limit(5).forEach(e -> s.append(e.getKey()).append(" x").append(e.getValue()).append(' '));
        return s.toString().strip();
    }

    private static String fmt(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    // ------------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        String scenario = "all";
        Options o = new Options();
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "crash", "outage", "callbacks", "all" -> {
                    scenario = a;
                    continue;
                }
                case "--help", "-h" -> {
                    usage(System.out);
                    return;
                }
                case "--keep" -> {
                    keep = true;
                    continue;
                }
                default -> {
                }
            }
            if (v == null) {
                throw new IllegalArgumentException(a + " needs a value (try --help)");
            }
            switch (a) {
                case "--jar" -> o.launch = List.of("-jar", v);
                case "--classpath" -> o.launch = List.of("-cp", v, "io.lintas.LintasApplication");
                case "--run-dir" -> o.runDir = Path.of(v);
                case "--heap" -> o.heap = v;
                case "--leads" -> o.leads = Integer.parseInt(v);
                case "--rate" -> o.rate = Double.parseDouble(v);
                case "--connections" -> o.connections = Integer.parseInt(v);
                case "--kills" -> o.kills = Integer.parseInt(v);
                case "--seed" -> o.seed = Long.parseLong(v);
                case "--outage" -> o.outageSeconds = Integer.parseInt(v);
                case "--outage-rate" -> o.outageRate = Double.parseDouble(v);
                case "--warmup" -> o.warmupSeconds = Integer.parseInt(v);
                case "--invoices" -> o.invoices = Integer.parseInt(v);
                case "--app-arg" -> o.appArgs.add(v);
                case "--start-timeout" -> o.startTimeout = Duration.ofSeconds(Long.parseLong(v));
                default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
            }
            i++;
        }
        if (o.launch.isEmpty()) {
            throw new IllegalArgumentException("--jar <lintas jar> or --classpath <app classpath> is required");
        }
        if (o.runDir == null) {
            o.runDir = root().resolve("target/reliability-" + Instant.now().toString().replace(":", "") + "-" + ProcessHandle.current().pid());
        }
        Files.createDirectories(o.runDir);
        System.out.printf(Locale.ROOT, "reliability: %s, run dir %s, seed %d, %d cores, load %.2f%n", scenario, o.runDir, o.seed,
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        List<String> failures = new ArrayList<>();
        Map<String, Double> took = new HashMap<>();
        if (scenario.equals("crash") || scenario.equals("all")) {
            long t0 = System.nanoTime();
            CrashResult r = crash(o);
            r.print(System.out);
            r.failures().forEach(f -> failures.add("crash: " + f));
            took.put("crash", (System.nanoTime() - t0) / 1e9);
        }
        if (scenario.equals("outage") || scenario.equals("all")) {
            long t0 = System.nanoTime();
            OutageResult r = outage(o);
            r.print(System.out);
            r.failures().forEach(f -> failures.add("outage: " + f));
            took.put("outage", (System.nanoTime() - t0) / 1e9);
        }
        if (scenario.equals("callbacks") || scenario.equals("all")) {
            long t0 = System.nanoTime();
            CallbackScenario.Result r = CallbackScenario.run(o);
            r.print(System.out);
            r.failures().forEach(f -> failures.add("callbacks: " + f));
            took.put("callbacks", (System.nanoTime() - t0) / 1e9);
        }
        took.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s took %.0f s%n", k, v));
        if (failures.isEmpty()) {
            System.out.println("RELIABILITY OK: nothing lost, nothing twice");
            if (!keep) {
                deleteTree(o.runDir);
            }
        } else {
            System.out.println("RELIABILITY FAILED:");
            failures.forEach(f -> System.out.println("  " + f));
            System.out.println("kept " + o.runDir + " (app.log, data/)");
            System.exit(1);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                bench/reliability.sh [crash|outage|callbacks|all] [flags]
                  --leads N          crash: leads to post (20000)
                  --rate N           crash: leads per second (60)
                  --connections N    crash: parallel senders (16)
                  --kills N          crash: kill -9 + restart, at random moments while posting (5)
                  --seed N           crash: the random moments' seed (the clock)
                  --outage S         outage: seconds the CRM answers 503 (120)
                  --outage-rate N    outage: leads per second, warm-up and outage (10)
                  --warmup S         outage: seconds of normal delivery before it (15)
                  --invoices N       callbacks: invoices, each paid or expired by callbacks sent 3 times (12)
                  --heap SIZE        the hub's heap (768m)
                  --start-timeout S  how long a hub start may take before the run fails (600)
                  --app-arg ARG      an extra argument for the hub (repeatable)
                  --keep             keep the run directory (logs, data) even when all is well
                Exit status 1 when anything was lost or created twice.""");
    }
}
