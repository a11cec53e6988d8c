package io.lintas.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The Lintas hub as a real operating-system process: the packaged jar ({@code --jar}) or the compiled classes
 * with their dependencies (the test's classpath), in the dev profile, with one data directory for its whole
 * life (the Artemis journal and the H2 ledger survive a {@code kill -9} and are read again on restart).
 */
final class Hub implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;
    private final List<Double> startSeconds = new ArrayList<>();

    /**
     * @param launch  how to run the app: {@code ["-jar", jar]} or {@code ["-cp", classpath, mainClass]}
     * @param runDir  the data directory, the app's log and the tenants file go here
     * @param portalUrl the Bitrix24 webhook URL the demo tenant delivers to (the harness's stand-in)
     */
    Hub(List<String> launch, Path runDir, int port, int sandboxPort, String portalUrl, String heap,
            List<String> extraArgs) throws IOException {
        this.port = port;
        Files.createDirectories(runDir.resolve("data"));
        this.log = runDir.resolve("app.log");
        Path tenants = runDir.resolve("tenants.yaml");
        Files.writeString(tenants, harnessTenants(), StandardCharsets.UTF_8);
        command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.addAll(launch);
        command.add("--spring.profiles.active=dev");
        command.add("--logging.level.io.lintas=WARN");
        command.add("--lintas.sandbox.port=" + sandboxPort);
        command.addAll(extraArgs);
        env = new HashMap<>();
        env.put("LINTAS_DATA_DIR", runDir.resolve("data").toString());
        env.put("LINTAS_PORT", Integer.toString(port));
        env.put("LINTAS_BIND_ADDRESS", "127.0.0.1");
        env.put("LINTAS_TENANTS_FILE", "file:" + tenants.toAbsolutePath());
        if (portalUrl != null) {
            env.put("LINTAS_DEMO_BITRIX24_WEBHOOK_URL", portalUrl);
        }
    }

    /**
     * The repository's demo tenant, with its Bitrix24 portal on a faster plan than a real one (the harness
     * counts deliveries, it does not measure the portal's 2 requests/s): burst 250, 25 requests/s; and the two
     * tenants of the callbacks scenario (Midtrans, Stripe at the sandbox).
     */
    static String harnessTenants() throws IOException {
        String demo = Files.readString(Reliability.root().resolve("src/main/resources/tenants.yaml"), StandardCharsets.UTF_8);
        String plan = "      plan: standard\n";
        if (!demo.contains(plan)) {
            throw new IllegalStateException("the demo tenant's bitrix24 section has no '" + plan.strip() + "' line to adjust");
        }
        String tenants = demo.replace(plan, "      plan: enterprise\n      burst: 250\n      per-second: 25\n");
        return (tenants.endsWith("\n") ? tenants : tenants + "\n") + CallbackScenario.extraTenants();
    }

    /** Starts the app and waits until /actuator/health/readiness says UP (the app has started, traffic is accepted). */
    void start(Duration within) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(Reliability.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        process = pb.start();
        starts++;
        waitFor("the hub to be UP on port " + port, within, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited during start (exit " + process.exitValue() + "); see " + log);
            }
            return healthUp();
        });
        startSeconds.add((System.nanoTime() - t0) / 1e9);
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    void kill9() throws InterruptedException {
        long pid = process.pid();
        try {
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            process.destroyForcibly(); // SIGKILL on Linux as well
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub pid " + pid + " still alive 30 s after kill -9");
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL after 30 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean healthUp() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The dead-letter queues of the CRM and task stages, from the admin API: "crm 0, tasks 0". */
    String deadLetters() {
        StringBuilder out = new StringBuilder();
        for (String stage : List.of("crm", "tasks")) {
            String count = "?";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/dlq/" + stage + "?limit=5"))
                        .header("Authorization", CallbackScenario.basic(CallbackScenario.ADMIN)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(?:count|depth|total|size)\"\\s*:\\s*(\\d+)")
                        .matcher(r.body());
                if (r.statusCode() == 200 && m.find()) {
                    count = m.group(1);
                }
            } catch (IOException e) {
                count = "?";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.append(out.length() == 0 ? "" : ", ").append(stage).append(' ').append(count);
        }
        return out.toString();
    }

    /**
     * The leads the sweep handed to a stage again (routes/lead-sweep.camel.yaml logs one WARN line each), by the
     * queue they went to: a hand-off lost in a crash that the safety net recovered, so not counted as lost.
     */
    Map<String, List<String>> rehanded() throws IOException {
        Map<String, List<String>> byQueue = new java.util.TreeMap<>();
        if (!Files.exists(log)) {
            return byQueue;
        }
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "lead (\\S+) of tenant \\S+: nothing queued for it after \\S+; handed to (\\S+) again");
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.map(line::matcher).filter(java.util.regex.Matcher::find)
                    .forEach(m -> byQueue.computeIfAbsent(m.group(2), q -> new ArrayList<>()).add(m.group(1)));
        }
        return byQueue;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    int starts() {
        return starts;
    }

    List<Double> startSeconds() {
        return startSeconds;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Polls a real condition every 100 ms until it holds; fails with {@code what} at the deadline. */
    static void waitFor(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + within.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** The classpath of the running JVM without the test classes (surefire puts the real one in surefire.test.class.path). */
    static String appClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> keep = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank() && !entry.replace('\\', '/').endsWith("target/test-classes")) {
                keep.add(entry);
            }
        }
        return String.join(File.pathSeparator, keep);
    }
}
