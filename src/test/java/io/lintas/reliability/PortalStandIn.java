package io.lintas.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bitrix24 portal the reliability harness delivers to (JDK only, in the harness's own process, so a
 * {@code kill -9} of the hub never loses what the portal accepted). It runs the {@code batch} sub-calls the
 * delivery stage makes (crm.lead.list / crm.deal.list by ORIGIN_ID, crm.duplicate.findbycomm, crm.lead.add,
 * crm.deal.add, crm.timeline.comment.add, tasks.task.list by TITLE, tasks.task.add) and records, per Lintas
 * lead id (the ORIGIN_ID Lintas writes on every record it creates), how many times a lead was created.
 *
 * <p>An outage can be switched on: every request is then refused with HTTP 503, alternately a bare
 * "Service Unavailable" page and Bitrix24's {@code QUERY_LIMIT_EXCEEDED} JSON. Every request, served or
 * refused, is counted per second of the wall clock, so the harness can read the retry rate.
 */
final class PortalStandIn implements AutoCloseable {

    private static final Pattern CMD = Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern REF = Pattern.compile("\\$result\\[([A-Za-z0-9_]+)\\]");

    private final HttpServer server;
    private final ExecutorService pool;
    private final int burst;
    private final double perSecond;
    private double level;
    private long updated = System.nanoTime();

    private long nextId = 1000;
    private volatile boolean down;
    private long outageAnswers;
    private long requests;
    private long served;
    private long limited;
    private final Map<String, Long> leadsByOrigin = new HashMap<>();
    private final Map<String, Integer> leadAdds = new HashMap<>();
    private final Map<String, Long> dealsByOrigin = new HashMap<>();
    private final Map<String, Long> tasksByTitle = new HashMap<>();
    private long duplicateTasks;
    private long lastAddMs;
    private final TreeMap<Long, Integer> requestsPerSecond = new TreeMap<>();

    /**
     * @param burst     the portal's leaky bucket size (above it: 503 QUERY_LIMIT_EXCEEDED)
     * @param perSecond its drain rate, requests per second
     */
    PortalStandIn(int burst, double perSecond) throws IOException {
        this.burst = burst;
        this.perSecond = perSecond;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        pool = Executors.newFixedThreadPool(16);
        server.setExecutor(pool);
        server.createContext("/rest/", this::rest);
        server.start();
    }

    /** The webhook URL a tenant's bitrix24 section points at. */
    String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rest/1/reliability-code";
    }

    /** From now on every request is refused with 503 (true), or served again (false). */
    void outage(boolean on) {
        down = on;
    }

    /** Leads created so far, per Lintas lead id (ORIGIN_ID): 1 is right, more is a duplicate. */
    synchronized Map<String, Integer> leadAdds() {
        return new HashMap<>(leadAdds);
    }

    synchronized int leadsCreated() {
        return leadsByOrigin.size();
    }

    synchronized long lastAddMs() {
        return lastAddMs;
    }

    synchronized int tasksCreated() {
        return tasksByTitle.size();
    }

    synchronized long duplicateTasks() {
        return duplicateTasks;
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long outageAnswers() {
        return outageAnswers;
    }

    synchronized long limited() {
        return limited;
    }

    /** Requests received (served or refused) per wall-clock second (epoch seconds) in [fromMs, toMs). */
    synchronized TreeMap<Long, Integer> requestsPerSecond(long fromMs, long toMs) {
        return new TreeMap<>(requestsPerSecond.subMap(fromMs / 1000, true, (toMs - 1) / 1000, true));
    }

    private synchronized String admit() {
        requests++;
        requestsPerSecond.merge(System.currentTimeMillis() / 1000, 1, Integer::sum);
        if (down) {
            outageAnswers++;
            return outageAnswers % 2 == 0 ? "limit" : "down";
        }
        long now = System.nanoTime();
        level = Math.max(0, level - (now - updated) / 1e9 * perSecond);
        updated = now;
        if (level + 1 > burst) {
            limited++;
            return "limit";
        }
        level += 1;
        served++;
        return null;
    }

    private void rest(HttpExchange http) throws IOException {
        byte[] request = http.getRequestBody().readAllBytes();
        String refused = admit();
        if ("down".equals(refused)) {
            send(http, 503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>");
            return;
        }
        if ("limit".equals(refused)) {
            send(http, 503, "application/json", "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
            return;
        }
        String path = http.getRequestURI().getPath();
        if (!path.endsWith("/batch.json") && !path.endsWith("/batch")) {
            send(http, 400, "application/json",
                    "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"the stand-in knows batch only\"}");
            return;
        }
        String body = new String(request, StandardCharsets.UTF_8);
        int cmdAt = body.indexOf("\"cmd\"");
        Matcher m = CMD.matcher(cmdAt < 0 ? "" : body.substring(cmdAt));
        Map<String, String> results = new LinkedHashMap<>();
        synchronized (this) {
            while (m.find()) {
                results.put(m.group(1), run(substitute(m.group(2), results)));
            }
        }
        StringBuilder out = new StringBuilder("{\"result\":{\"result\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : results.entrySet()) {
            out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        out.append("},\"result_error\":[],\"result_total\":[],\"result_next\":[],\"result_time\":[]},\"time\":{\"start\":0}}");
        send(http, 200, "application/json", out.toString());
    }

    private static String substitute(String call, Map<String, String> results) {
        Matcher ref = REF.matcher(call);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            String value = results.getOrDefault(ref.group(1), "");
            ref.appendReplacement(out, Matcher.quoteReplacement(value.replace("\"", "")));
        }
        ref.appendTail(out);
        return out.toString();
    }

    private String run(String call) {
        int q = call.indexOf('?');
        String method = q < 0 ? call : call.substring(0, q);
        Map<String, String> p = query(q < 0 ? "" : call.substring(q + 1));
        switch (method) {
            case "crm.lead.list":
                return listed(leadsByOrigin.get(p.get("filter[ORIGIN_ID]")));
            case "crm.deal.list":
                return listed(dealsByOrigin.get(p.get("filter[ORIGIN_ID]")));
            case "crm.duplicate.findbycomm":
                return "[]";
            case "crm.lead.add": {
                long id = nextId++;
                String origin = p.get("fields[ORIGIN_ID]");
                leadsByOrigin.putIfAbsent(origin, id);
                leadAdds.merge(origin, 1, Integer::sum);
                lastAddMs = System.currentTimeMillis();
                return Long.toString(id);
            }
            case "crm.deal.add": {
                long id = nextId++;
                dealsByOrigin.putIfAbsent(p.get("fields[ORIGIN_ID]"), id);
                return Long.toString(id);
            }
            case "crm.timeline.comment.add":
                return Long.toString(nextId++);
            case "tasks.task.list": {
                Long id = tasksByTitle.get(p.get("filter[TITLE]"));
                return "{\"tasks\":" + (id == null ? "[]" : "[{\"id\":\"" + id + "\"}]") + "}";
            }
            case "tasks.task.add": {
                long id = nextId++;
                if (tasksByTitle.putIfAbsent(p.get("fields[TITLE]"), id) != null) {
                    duplicateTasks++;
                }
                return "{\"task\":{\"id\":\"" + id + "\",\"status\":\"2\"}}";
            }
            case "tasks.task.complete":
                return "{\"task\":{\"id\":\"" + p.get("taskId") + "\",\"status\":\"5\"}}";
            default:
                return "null";
        }
    }

    private static String listed(Long id) {
        return id == null ? "[]" : "[{\"ID\":\"" + id + "\"}]";
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static void send(HttpExchange http, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", type);
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
