package io.lintas.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts distinct web-form leads to the demo tenant's form at a steady rate (open loop: lead i is due at
 * start + i / rate, whatever happened to the ones before), whether the hub is up or not, and keeps the Lintas
 * lead id of every lead that got a 2xx (the form answers {@code {"leadId":"…","status":"accepted"}} only once
 * the lead is on the persistent intake queue).
 */
final class LeadPoster {

    private static final Pattern LEAD_ID = Pattern.compile("\"leadId\"\\s*:\\s*\"([^\"]+)\"");

    private final String formUrl;
    private final int count;
    private final double rate;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Set<String> acked = ConcurrentHashMap.newKeySet();
    /** Lead id → the moment its 2xx arrived (ms). */
    final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();      // connection refused: the hub is down
    final AtomicInteger rejected = new AtomicInteger();     // an HTTP answer that is not 2xx
    final AtomicInteger noAnswer = new AtomicInteger();     // sent, then the connection died (a kill) or timed out
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile long startNanos;

    LeadPoster(String hubBase, int count, double rate) {
        this.formUrl = hubBase + "/hooks/demo/forms/contact?token=demo-form-token";
        this.count = count;
        this.rate = rate;
    }

    /** Posts all leads on the timetable with {@code connections} parallel senders; returns when the last one is answered. */
    void run(int connections) throws InterruptedException {
        startNanos = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int c = 0; c < connections; c++) {
            pool.submit(this::sendLoop);
        }
        pool.shutdown();
        if (!pool.awaitTermination((long) (count / rate) + 600, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("the lead poster did not finish");
        }
    }

    /** Seconds since the first lead was due. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    int sent() {
        return Math.min(next.get(), count);
    }

    private void sendLoop() {
        int i;
        while ((i = next.getAndIncrement()) < count) {
            long due = startNanos + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the timetable, not a wait for a condition
            }
            post(i);
        }
    }

    private void post(int n) {
        String body = "name=" + enc("Uji Keandalan " + run + " " + n)
                + "&phone=" + enc(String.format(Locale.ROOT, "+62812%08d", 10_000_000 + n))
                + "&email=" + enc("rel-" + run + "-" + n + "@reliability.example")
                + "&message=" + enc("Mohon hubungi saya, permintaan " + n);
        HttpRequest request = HttpRequest.newBuilder(URI.create(formUrl)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            Matcher id = LEAD_ID.matcher(r.body());
            if (r.statusCode() / 100 == 2 && id.find()) {
                acked.add(id.group(1));
                ackedAt.put(id.group(1), System.currentTimeMillis());
            } else {
                rejected.incrementAndGet();
            }
        } catch (ConnectException e) {
            refused.incrementAndGet();
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || String.valueOf(e.getMessage()).contains("Connection refused")) {
                refused.incrementAndGet();
            } else {
                noAnswer.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
