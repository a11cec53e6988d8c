/*
 * Lintas intake load generator. JDK 17 only, single-file source launch:
 *
 *   java bench/IntakeLoad.java --url http://127.0.0.1:8080 [flags]      (--help lists the flags)
 *
 * Posts realistic, distinct web-form leads (form-urlencoded, the demo tenant's html form
 * "contact") to POST /hooks/{tenant}/forms/{form}. A 2xx there means the lead is on the
 * persistent intake queue, so every 2xx counted here is a durable ack.
 *
 * Phases: warm-up (closed loop), then --runs closed-loop runs (--concurrency connections, each
 * sends its next request as soon as the previous answer arrives: maximum throughput), then
 * --runs open-loop runs (--rate requests/s on a fixed timetable, latency measured from each
 * request's SCHEDULED send time, so a stall is charged to every request it delays: no
 * coordinated omission). Finally waits for the pipeline to drain and counts the leads the ledger
 * holds for the run through the admin API.
 *
 * HTTP/1.1 over plain blocking sockets with keep-alive: one thread per connection, a few
 * microseconds of client CPU per request. Every latency is kept (long[] per thread, sorted at the
 * end): exact percentiles, no histogram buckets. The program prints figures; it never fails on
 * a goal.
 */

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class IntakeLoad {

    // ------------------------------------------------------------------------------ options
    static final Map<String, String[]> FLAGS = new LinkedHashMap<>();
    static {
        flag("url", "http://127.0.0.1:8080", "base URL of the running app");
        flag("tenant", "demo", "tenant id");
        flag("form", "contact", "form id (an html form)");
        flag("token", "demo-form-token", "the form's token, sent as ?token=");
        flag("mode", "both", "closed | open | both");
        flag("runs", "3", "measured runs per mode; the summary quotes the median of the run figures");
        flag("duration", "10", "seconds per measured run");
        flag("warmup", "40", "seconds of closed-loop warm-up before the first run (0 = none)");
        flag("pause", "2", "seconds of idle between runs");
        flag("concurrency", "32", "closed loop: concurrent keep-alive connections");
        flag("rate", "1000", "open loop: scheduled requests per second");
        flag("open-connections", "64", "open loop: connections (and threads) serving the timetable");
        flag("settle", "true", "wait for the pipeline to drain the intake queue before each run (true|false)");
        flag("settle-timeout", "30", "seconds to wait at most for each settle");
        flag("grace", "5", "open loop: seconds after the timetable's end before unsent requests are given up");
        flag("admin-user", "admin", "admin API user (ledger count, pipeline metric)");
        flag("admin-password", "admin", "admin API password");
        flag("count", "true", "count the run's leads in the ledger at the end (true|false)");
        flag("drain-timeout", "60", "seconds to wait at most for the pipeline to drain before counting");
        flag("server-pid", "", "pid of the app, to report its CPU use per run (Linux /proc)");
        flag("clk-tck", "100", "clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK)");
        flag("summary-file", "", "also write the summary block to this file");
    }

    static void flag(String name, String def, String help) {
        FLAGS.put(name, new String[] {def, help});
    }

    static final Map<String, String> OPT = new LinkedHashMap<>();

    static String opt(String name) {
        return OPT.get(name);
    }

    static int intOpt(String name) {
        return Integer.parseInt(opt(name));
    }

    static boolean boolOpt(String name) {
        return Boolean.parseBoolean(opt(name));
    }

    // ------------------------------------------------------------------------------ state
    static String host;
    static int port;
    static String path;
    static final AtomicLong SEQ = new AtomicLong();
    static final String SALT = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    static final long PHONE_BASE = ThreadLocalRandom.current().nextLong(100_000_000L);
    static long total2xx;
    static long totalNon2xx;
    static long totalErrors;
    static boolean pipelineBehind;

    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String[]> f : FLAGS.entrySet()) {
            OPT.put(f.getKey(), f.getValue()[0]);
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage();
                return;
            }
            if (!a.startsWith("--")) {
                die("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    die("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!FLAGS.containsKey(name)) {
                die("unknown flag --" + name + " (see --help)");
            }
            OPT.put(name, value);
        }
        URI base = URI.create(opt("url"));
        host = base.getHost();
        port = base.getPort() > 0 ? base.getPort() : 80;
        path = "/hooks/" + opt("tenant") + "/forms/" + opt("form") + "?token="
                + URLEncoder.encode(opt("token"), StandardCharsets.UTF_8);

        String mode = opt("mode");
        int runs = intOpt("runs");
        int duration = intOpt("duration");
        Instant start = Instant.now().minusSeconds(1);
        System.out.printf(Locale.ROOT, "target  %s%s%n", opt("url"), path);
        System.out.printf(Locale.ROOT, "cores   %d available to the client JVM; client and server share this machine%n",
                Runtime.getRuntime().availableProcessors());
        System.out.println("load    " + loadavg() + " (1/5/15-min load average before the run: other work on the machine skews figures)");

        if (intOpt("warmup") > 0) {
            settle();
            Result w = closedLoop(intOpt("concurrency"), intOpt("warmup"), "warm-up");
            print(w);
        }
        List<Result> closed = new ArrayList<>();
        List<Result> open = new ArrayList<>();
        if (mode.equals("closed") || mode.equals("both")) {
            for (int r = 1; r <= runs; r++) {
                settle();
                Result res = closedLoop(intOpt("concurrency"), duration, "closed " + r + "/" + runs);
                print(res);
                closed.add(res);
            }
        }
        if (mode.equals("open") || mode.equals("both")) {
            for (int r = 1; r <= runs; r++) {
                settle();
                Result res = openLoop(intOpt("rate"), intOpt("open-connections"), duration, "open " + r + "/" + runs);
                print(res);
                open.add(res);
            }
        }

        long ledger = -1;
        String drainNote = "";
        if (boolOpt("count")) {
            long t0 = System.nanoTime();
            long processed = drain(total2xx, intOpt("drain-timeout"));
            pipelineBehind = processed >= 0 && processed < total2xx;
            drainNote = processed < 0 ? "pipeline metric unavailable"
                    : String.format(Locale.ROOT, "pipeline processed %d, waited %.1f s", processed,
                            (System.nanoTime() - t0) / 1e9);
            ledger = ledgerCount(start);
        }
        summary(closed, open, ledger, drainNote);
    }

    static void usage() {
        System.out.println("usage: java bench/IntakeLoad.java [--flag value ...]");
        for (Map.Entry<String, String[]> f : FLAGS.entrySet()) {
            System.out.printf(Locale.ROOT, "  --%-18s %s (default: %s)%n", f.getKey(), f.getValue()[1],
                    f.getValue()[0].isEmpty() ? "none" : f.getValue()[0]);
        }
    }

    static void die(String message) {
        System.err.println("IntakeLoad: " + message);
        System.exit(2);
    }

    // ------------------------------------------------------------------------------ leads
    static final String[] FIRST = {"Budi", "Siti", "Agus", "Dewi", "Rina", "Andi", "Putri", "Wahyu", "Sri", "Hendra",
        "Nur", "Yusuf", "Fitri", "Rizky", "Indah", "Bayu", "Ayu", "Dimas", "Lestari", "Eko", "Ratna", "Joko", "Made",
        "Ketut", "Nyoman", "Fajar", "Intan", "Arif", "Maya", "Teguh"};
    static final String[] LAST = {"Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Nugroho", "Lestari",
        "Setiawan", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Gunawan", "Halim", "Tanjung", "Purnomo",
        "Rahmawati", "Susanto", "Utami", "Wibowo", "Putra", "Sembiring", "Hutapea", "Sari"};
    static final String[] DOMAINS = {"gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com", "hotmail.com",
        "ymail.com", "icloud.com", "mail.co.id", "example.co.id", "perusahaan.id"};
    /** Indonesian mobile prefixes (Telkomsel, Indosat, XL, Tri, Smartfren): all valid with 8 more digits. */
    static final String[] PREFIXES = {"0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853", "0814",
        "0815", "0816", "0855", "0856", "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0895",
        "0896", "0897", "0898", "0899", "0881", "0882", "0883", "0887", "0888"};
    static final String[] MESSAGES = {"Mohon info harga paket bulanan", "Saya tertarik, tolong hubungi via WhatsApp",
        "Apakah bisa kirim ke Surabaya?", "Minta penawaran untuk 20 unit", "Kapan bisa demo produk?",
        "Butuh invoice atas nama perusahaan", ""};
    static final String[] UTM = {"google", "facebook", "instagram", "tiktok", "newsletter", ""};

    /** The n-th lead of this process: its phone and email are distinct from every other lead's. */
    static byte[] leadBody(long n) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String first = FIRST[rnd.nextInt(FIRST.length)];
        String last = LAST[rnd.nextInt(LAST.length)];
        String prefix = PREFIXES[(int) (n % PREFIXES.length)];
        String rest = String.format(Locale.ROOT, "%08d", (PHONE_BASE + n / PREFIXES.length) % 100_000_000L);
        String phone = switch ((int) (n % 4)) {
            case 0 -> prefix + rest;                                                     // 081234567890
            case 1 -> prefix + "-" + rest.substring(0, 4) + "-" + rest.substring(4);     // 0812-3456-7890
            case 2 -> "+62 " + prefix.substring(1) + " " + rest.substring(0, 4) + " " + rest.substring(4);
            default -> "62" + prefix.substring(1) + rest;                                // 6281234567890
        };
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + SALT + n + "@"
                + DOMAINS[rnd.nextInt(DOMAINS.length)];
        StringBuilder b = new StringBuilder(256);
        boolean localNames = rnd.nextBoolean(); // the form maps nama_lengkap → name, no_hp → phone
        b.append(localNames ? "nama_lengkap=" : "name=").append(enc(first + " " + last));
        b.append(localNames ? "&no_hp=" : "&phone=").append(enc(phone));
        b.append("&email=").append(enc(email));
        String message = MESSAGES[rnd.nextInt(MESSAGES.length)];
        if (!message.isEmpty()) {
            b.append("&message=").append(enc(message));
        }
        String utm = UTM[rnd.nextInt(UTM.length)];
        if (!utm.isEmpty()) {
            b.append("&utm_source=").append(utm).append("&utm_medium=cpc&utm_campaign=promo-")
                    .append(LocalDate.now().getMonthValue());
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------ HTTP/1.1
    /** One keep-alive connection; reopened when the server says Connection: close. */
    static final class Conn {
        Socket socket;
        OutputStream out;
        InputStream in;
        long opened;
        final byte[] line = new byte[8192];

        void ensureOpen() throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5000);
                socket.setSoTimeout(30_000);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 16384);
                opened++;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }

        /** Sends one POST and reads the whole answer; returns the status code. */
        int post(byte[] body) throws IOException {
            ensureOpen();
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nUser-Agent: lintas-bench\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] req = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, req, head.length, body.length);
            out.write(req);
            out.flush();
            String status = readLine();
            if (status == null) {
                throw new EOFException("connection closed before the status line");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            if (chunked) {
                while (true) {
                    String size = readLine();
                    if (size == null) {
                        throw new EOFException("connection closed inside a chunked body");
                    }
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        for (String t = readLine(); t != null && !t.isEmpty(); t = readLine()) {
                            // trailers
                        }
                        break;
                    }
                    skip(n);
                    readLine();
                }
            } else if (contentLength > 0) {
                skip(contentLength);
            } else if (contentLength < 0) {
                close = true; // body runs to the end of the connection
                while (in.read(line) >= 0) {
                    // drain
                }
            }
            if (close) {
                close();
            }
            return code;
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed inside a body");
                    }
                    s = 1;
                }
                n -= s;
            }
        }

        String readLine() throws IOException {
            int len = 0;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return len == 0 ? null : new String(line, 0, len, StandardCharsets.ISO_8859_1);
                }
                if (c == '\n') {
                    if (len > 0 && line[len - 1] == '\r') {
                        len--;
                    }
                    return new String(line, 0, len, StandardCharsets.ISO_8859_1);
                }
                if (len < line.length) {
                    line[len++] = (byte) c;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ measuring
    /** What one thread saw. Latencies in nanoseconds, only of 2xx answers. */
    static final class Tally {
        long[] lat = new long[1 << 14];
        int n;
        long non2xx;
        long errors;
        long connections;
        final Map<Integer, Long> codes = new LinkedHashMap<>();
        String firstError;

        void ok(long nanos) {
            if (n == lat.length) {
                lat = Arrays.copyOf(lat, n * 2);
            }
            lat[n++] = nanos;
        }

        void status(int code) {
            codes.merge(code, 1L, Long::sum);
            if (code < 200 || code > 299) {
                non2xx++;
            }
        }

        void error(Exception e) {
            errors++;
            if (firstError == null) {
                firstError = e.toString();
            }
        }
    }

    static final class Result {
        String name;
        String kind;
        double seconds;
        long ok;
        long non2xx;
        long errors;
        long connections;
        long[] lat;
        double clientCpu;
        double serverCpu;
        Map<Integer, Long> codes = new LinkedHashMap<>();
        String firstError;
        double target;
        long late; // open loop: requests sent more than 1 ms after their scheduled time
        long unsent; // open loop: requests still unsent when the grace period ended (counted as failed)

        double rate() {
            return ok / seconds;
        }

        double pct(double p) {
            if (lat.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * lat.length) - 1;
            return lat[Math.max(0, Math.min(lat.length - 1, i))] / 1e6;
        }
    }

    interface Body {
        void run(Tally t, Conn c, long deadline);
    }

    static Result measure(String name, String kind, int threads, int seconds, Body body) throws InterruptedException {
        Tally[] tallies = new Tally[threads];
        Thread[] ts = new Thread[threads];
        long cpu0 = clientCpu();
        long srv0 = serverCpu();
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        for (int i = 0; i < threads; i++) {
            Tally t = tallies[i] = new Tally();
            ts[i] = new Thread(() -> {
                Conn c = new Conn();
                try {
                    body.run(t, c, deadline);
                } finally {
                    c.close();
                    t.connections = c.opened;
                }
            }, "load-" + i);
            ts[i].setDaemon(true);
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long t1 = System.nanoTime();
        Result r = new Result();
        r.name = name;
        r.kind = kind;
        // closed loop: the window is the time until the last answer; open loop: the timetable plus stragglers
        r.seconds = (t1 - t0) / 1e9;
        r.clientCpu = (clientCpu() - cpu0) / 1e9 / r.seconds;
        long srv1 = serverCpu();
        r.serverCpu = srv0 < 0 || srv1 < 0 ? Double.NaN
                : (srv1 - srv0) / (double) intOpt("clk-tck") / r.seconds;
        int total = 0;
        for (Tally t : tallies) {
            total += t.n;
        }
        r.lat = new long[total];
        int at = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.lat, 0, r.lat, at, t.n);
            at += t.n;
            r.non2xx += t.non2xx;
            r.errors += t.errors;
            r.connections += t.connections;
            t.codes.forEach((k, v) -> r.codes.merge(k, v, Long::sum));
            if (r.firstError == null) {
                r.firstError = t.firstError;
            }
        }
        Arrays.sort(r.lat);
        r.ok = total;
        total2xx += r.ok;
        totalNon2xx += r.non2xx;
        totalErrors += r.errors;
        return r;
    }

    /** One request; returns true when the answer was a 2xx. Records nothing. */
    static int send(Tally t, Conn c) {
        byte[] body = leadBody(SEQ.getAndIncrement());
        try {
            int code = c.post(body);
            t.status(code);
            return code;
        } catch (IOException | RuntimeException e) {
            t.error(e);
            c.close();
            return -1;
        }
    }

    static Result closedLoop(int concurrency, int seconds, String name) throws InterruptedException {
        Result r = measure(name, "closed", concurrency, seconds, (t, c, deadline) -> {
            while (true) {
                long s = System.nanoTime();
                if (s >= deadline) {
                    return;
                }
                int code = send(t, c);
                if (code >= 200 && code <= 299) {
                    t.ok(System.nanoTime() - s);
                } else if (code < 0) {
                    LockSupport.parkNanos(10_000_000L); // do not spin on a refused connection
                }
            }
        });
        r.target = concurrency;
        return r;
    }

    static Result openLoop(int rate, int connections, int seconds, String name) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong late = new AtomicLong();
        double interval = 1e9 / rate;
        long count = (long) rate * seconds;
        long[] origin = new long[1];
        origin[0] = System.nanoTime() + 50_000_000L; // let every thread start first
        long giveUp = origin[0] + (seconds + (long) intOpt("grace")) * 1_000_000_000L;
        Result r = measure(name, "open", connections, seconds, (t, c, deadline) -> {
            try {
                c.ensureOpen(); // connect before the timetable starts
            } catch (IOException e) {
                t.error(e);
                c.close();
            }
            while (true) {
                if (System.nanoTime() > giveUp) {
                    return; // the server fell too far behind the timetable: stop, count the rest as unsent
                }
                long i = next.getAndIncrement();
                if (i >= count) {
                    return;
                }
                long scheduled = origin[0] + (long) (i * interval);
                long now;
                while ((now = System.nanoTime()) < scheduled) {
                    LockSupport.parkNanos(scheduled - now);
                }
                if (now - scheduled > 1_000_000L) {
                    late.incrementAndGet();
                }
                int code = send(t, c);
                if (code >= 200 && code <= 299) {
                    t.ok(System.nanoTime() - scheduled); // from the scheduled time: no coordinated omission
                }
            }
        });
        r.target = rate;
        r.late = late.get();
        r.unsent = Math.max(0, count - Math.min(count, next.get()));
        if (r.unsent > 0) {
            // an unsent request waited at least until the give-up time: keep it in the latency
            // figures as that lower bound, or the percentiles would flatter an overloaded server
            long[] all = Arrays.copyOf(r.lat, r.lat.length + (int) r.unsent);
            for (long i = count - r.unsent, k = r.lat.length; i < count; i++, k++) {
                all[(int) k] = giveUp - (origin[0] + (long) (i * interval));
            }
            Arrays.sort(all);
            r.lat = all;
        }
        // achieved rate over the timetable's length (stragglers after it count in latency, not in rate)
        r.seconds = Math.max(r.seconds - 0.05, seconds);
        return r;
    }

    static long clientCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** utime + stime of the server process in clock ticks, or -1. */
    static long serverCpu() {
        String pid = opt("server-pid");
        if (pid == null || pid.isEmpty()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------ output
    static void print(Result r) {
        System.out.printf(Locale.ROOT,
                "%-12s %s %8.1f leads/s acked  p50 %7.2f ms  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f"
                        + "  | 2xx %d  non-2xx %d  io-errors %d  conns %d%s  | cpu client %.2f server %s cores%n",
                r.name, r.kind.equals("closed") ? String.format(Locale.ROOT, "c=%-4d", (int) r.target)
                        : String.format(Locale.ROOT, "r=%-4d", (int) r.target),
                r.rate(), r.pct(50), r.pct(90), r.pct(99), r.pct(99.9), r.pct(100), r.ok, r.non2xx, r.errors,
                r.connections, r.kind.equals("open") ? "  late>1ms " + r.late + (r.unsent > 0 ? "  UNSENT " + r.unsent : "") : "", r.clientCpu,
                Double.isNaN(r.serverCpu) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.serverCpu));
        if (r.non2xx > 0 || r.errors > 0) {
            System.out.println("             statuses " + r.codes + (r.firstError == null ? "" : "  first error: " + r.firstError));
        }
    }

    static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String runs(List<Result> rs, java.util.function.ToDoubleFunction<Result> f, String fmt) {
        StringBuilder b = new StringBuilder();
        for (Result r : rs) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, fmt, f.applyAsDouble(r)));
        }
        return b.toString();
    }

    static void summary(List<Result> closed, List<Result> open, long ledger, String drainNote) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("\n==================== Lintas intake load: summary ====================\n");
        s.append(String.format(Locale.ROOT, "machine: %d cores, client and server on the same machine (loopback)%n",
                Runtime.getRuntime().availableProcessors()));
        s.append("load:    " + loadavg() + " (load average at the end; above ~2 means other work shared the cores)\n");
        s.append(String.format(Locale.ROOT, "form:    %s  (html form, form-urlencoded; 2xx = lead on the persistent queue)%n", path));
        if (!closed.isEmpty()) {
            s.append(String.format(Locale.ROOT, "max throughput, closed loop, %d connections, %d x %d s (median of runs):%n",
                    intOpt("concurrency"), closed.size(), intOpt("duration")));
            s.append(String.format(Locale.ROOT, "  durable-acked leads/s  %8.1f   (runs: %s)%n", median(closed, Result::rate),
                    runs(closed, Result::rate, "%.1f")));
            s.append(String.format(Locale.ROOT, "  p50 latency            %8.2f ms (runs: %s)%n", median(closed, r -> r.pct(50)),
                    runs(closed, r -> r.pct(50), "%.2f")));
            s.append(String.format(Locale.ROOT, "  p99 latency            %8.2f ms (runs: %s)%n", median(closed, r -> r.pct(99)),
                    runs(closed, r -> r.pct(99), "%.2f")));
            s.append(String.format(Locale.ROOT, "  cpu (cores)            client %.2f, server %s%n", median(closed, r -> r.clientCpu),
                    fmtCpu(median(closed, r -> r.serverCpu))));
        }
        if (!open.isEmpty()) {
            s.append(String.format(Locale.ROOT,
                    "fixed rate, open loop, %d leads/s scheduled, %d connections, %d x %d s (median of runs;%n"
                            + "  latency from the scheduled send time, no coordinated omission):%n",
                    intOpt("rate"), intOpt("open-connections"), open.size(), intOpt("duration")));
            s.append(String.format(Locale.ROOT, "  durable-acked leads/s  %8.1f   (runs: %s)%n", median(open, Result::rate),
                    runs(open, Result::rate, "%.1f")));
            s.append(String.format(Locale.ROOT, "  p50 latency            %8.2f ms (runs: %s)%n", median(open, r -> r.pct(50)),
                    runs(open, r -> r.pct(50), "%.2f")));
            s.append(String.format(Locale.ROOT, "  p99 latency            %8.2f ms (runs: %s)%n", median(open, r -> r.pct(99)),
                    runs(open, r -> r.pct(99), "%.2f")));
            s.append(String.format(Locale.ROOT, "  p99.9 / max            %8.2f / %.2f ms (medians)%n", median(open, r -> r.pct(99.9)),
                    median(open, r -> r.pct(100))));
            long unsent = open.stream().mapToLong(r -> r.unsent).sum();
            if (unsent > 0) {
                s.append(String.format(Locale.ROOT, "  NOTE: %d requests were never sent (server behind the timetable by more than"
                        + " --grace %s s);%n        they are in the latency figures at their lower bound, so those are lower bounds%n",
                        unsent, opt("grace")));
            }
            s.append(String.format(Locale.ROOT, "  cpu (cores)            client %.2f, server %s%n", median(open, r -> r.clientCpu),
                    fmtCpu(median(open, r -> r.serverCpu))));
        }
        s.append(String.format(Locale.ROOT, "answers (all phases, warm-up included): 2xx %d, non-2xx %d, io errors %d%n",
                total2xx, totalNon2xx, totalErrors));
        if (ledger >= 0) {
            s.append(String.format(Locale.ROOT, "ledger:  %d leads recorded for this run (%s)  ->  acked %d = recorded %d: %s%n",
                    ledger, drainNote, total2xx, ledger, ledger == total2xx ? "YES"
                            : ledger < total2xx && drainNote.startsWith("pipeline processed") && pipelineBehind
                                    ? "NOT YET: the pipeline had not drained (raise --drain-timeout); not a loss by itself"
                                    : "NO (difference " + (ledger - total2xx) + ")"));
        }
        s.append("goals (reference, not asserted): >= 2000 leads/s closed loop; p99 <= 50 ms at 1000 leads/s open loop\n");
        s.append("=====================================================================\n");
        System.out.print(s);
        String file = opt("summary-file");
        if (file != null && !file.isEmpty()) {
            Files.writeString(Path.of(file), s.toString());
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String fmtCpu(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    // ------------------------------------------------------------------------------ admin API
    static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String adminGet(String pathAndQuery) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(
                (opt("admin-user") + ":" + opt("admin-password")).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(opt("url") + pathAndQuery))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> res = ADMIN.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body();
    }

    static final Pattern COUNT = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    /** Exchanges the lead pipeline has finished (succeeded + failed), or -1 when the metric is not there. */
    static long pipelineDone() {
        long sum = 0;
        for (String metric : new String[] {"camel.exchanges.succeeded", "camel.exchanges.failed"}) {
            try {
                Matcher m = COUNT.matcher(adminGet("/actuator/metrics/" + metric + "?tag=routeId:lead-pipeline"));
                if (!m.find()) {
                    return -1;
                }
                sum += (long) Double.parseDouble(m.group(1));
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (metric.endsWith("failed")) {
                    continue; // no failure yet: the metric may not exist
                }
                return -1;
            }
        }
        return sum;
    }

    /** Before a run: wait (bounded) until the pipeline has caught up with what was acked so far. */
    static void settle() throws InterruptedException {
        if (total2xx == 0) {
            return;
        }
        if (!boolOpt("settle")) {
            Thread.sleep(intOpt("pause") * 1000L);
            return;
        }
        long t0 = System.nanoTime();
        long done = waitFor(total2xx, intOpt("settle-timeout"), 0);
        if (done >= 0) {
            System.out.printf(Locale.ROOT, "             (settled: pipeline at %d of %d acked, waited %.1f s)%n",
                    done, total2xx, (System.nanoTime() - t0) / 1e9);
        }
        Thread.sleep(intOpt("pause") * 1000L);
    }

    static long drain(long acked, int timeoutSeconds) throws InterruptedException {
        return waitFor(acked, timeoutSeconds, 15);
    }

    /** Polls the pipeline metric until it reaches {@code target}, stalls for stallSeconds (0 = never), or times out. */
    static long waitFor(long target, int timeoutSeconds, int stallSeconds) throws InterruptedException {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long last = -2;
        long lastChange = System.nanoTime();
        while (true) {
            long done = pipelineDone();
            if (done < 0 || done >= target) {
                return done;
            }
            long now = System.nanoTime();
            if (done != last) {
                last = done;
                lastChange = now;
            } else if (stallSeconds > 0 && now - lastChange > stallSeconds * 1_000_000_000L) {
                return done;
            }
            if (now > end) {
                System.out.printf(Locale.ROOT, "             (pipeline still behind after %d s: %d of %d)%n",
                        timeoutSeconds, done, target);
                return done;
            }
            Thread.sleep(500);
        }
    }

    static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*(null|\"([^\"]*)\")");

    /** Leads of this tenant received since {@code since}, paging the admin API 500 at a time. */
    static long ledgerCount(Instant since) {
        long count = 0;
        String before = null;
        try {
            while (true) {
                String q = "/api/leads?tenant=" + enc(opt("tenant")) + "&since=" + enc(since.toString()) + "&limit=500"
                        + (before == null ? "" : "&before=" + enc(before));
                String body = adminGet(q);
                count += countLeads(body);
                Matcher m = NEXT.matcher(body.substring(body.lastIndexOf("\"next\"")));
                if (!m.find() || m.group(2) == null) {
                    return count;
                }
                before = m.group(2);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("ledger count failed: " + e);
            return -1;
        }
    }

    /** Number of objects directly inside the top-level "leads" array. */
    static long countLeads(String json) {
        int at = json.indexOf("\"leads\"");
        at = json.indexOf('[', at);
        int depth = 0;
        long n = 0;
        boolean inString = false;
        for (int i = at; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
                continue;
            }
            switch (ch) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    depth++;
                    if (depth == 2 && ch == '{') {
                        n++;
                    }
                }
                case ']', '}' -> {
                    depth--;
                    if (depth == 0) {
                        return n;
                    }
                }
                default -> { }
            }
        }
        return n;
    }
}
