import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Bitrix24 portal for the CRM benchmark (JDK only): the REST rate limit as the portal
 * enforces it (leaky bucket per portal, burst 50, draining 2 requests/s; above it HTTP 503
 * {"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}) and a {@code batch}
 * method that runs the sub-calls the delivery stage makes: crm.lead.list / crm.deal.list filtered by
 * ORIGIN_ID, crm.duplicate.findbycomm, crm.lead.add, crm.deal.add, crm.timeline.comment.add,
 * tasks.task.list filtered by TITLE, tasks.task.add, tasks.task.complete. It counts every command it
 * ran, every 503, and every record created twice for the same ORIGIN_ID or task title.
 *
 * <pre>java bench/Bitrix24StandIn.java --port 18080 [--burst 50] [--per-second 2]</pre>
 * GET /stats gives the counters as JSON.
 */
public class Bitrix24StandIn {

    private static final Pattern CMD = Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern REF = Pattern.compile("\\$result\\[([A-Za-z0-9_]+)\\]");

    private final int burst;
    private final double perSecond;
    private double level;
    private long updated = System.nanoTime();

    private long requests;
    private long accepted;
    private long rejected;
    private long commands;
    private long firstAcceptedMs;
    private long lastAcceptedMs;
    private long nextId = 1000;
    private long duplicateLeads;
    private long duplicateDeals;
    private long duplicateTasks;
    private final Map<String, Long> leadsByOrigin = new HashMap<>();
    private final Map<String, Long> dealsByOrigin = new HashMap<>();
    private final Map<String, Long> tasksByTitle = new HashMap<>();
    private long tasksCompleted;

    Bitrix24StandIn(int burst, double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    public static void main(String[] args) throws IOException {
        int port = 18080;
        int burst = 50;
        double perSecond = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--burst" -> burst = Integer.parseInt(args[i + 1]);
                case "--per-second" -> perSecond = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        Bitrix24StandIn portal = new Bitrix24StandIn(burst, perSecond);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/rest/", portal::rest);
        server.createContext("/stats", portal::stats);
        server.start();
        System.out.println("bitrix24 stand-in: http://127.0.0.1:" + port + "/rest/1/bench-code (burst " + burst + ", "
                + perSecond + " requests/s)");
    }

    /** The portal's leaky bucket: a request that would overflow it is refused, not queued. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        level = Math.max(0, level - (now - updated) / 1e9 * perSecond);
        updated = now;
        requests++;
        if (level + 1 > burst) {
            rejected++;
            return false;
        }
        level += 1;
        accepted++;
        long ms = System.currentTimeMillis();
        if (firstAcceptedMs == 0) {
            firstAcceptedMs = ms;
        }
        lastAcceptedMs = ms;
        return true;
    }

    private void rest(HttpExchange http) throws IOException {
        byte[] request = http.getRequestBody().readAllBytes();
        if (!admit()) {
            send(http, 503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
            return;
        }
        String path = http.getRequestURI().getPath();
        if (!path.endsWith("/batch.json") && !path.endsWith("/batch")) {
            send(http, 400, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"the stand-in knows batch only\"}");
            return;
        }
        String body = new String(request, StandardCharsets.UTF_8);
        int cmdAt = body.indexOf("\"cmd\"");
        Matcher m = CMD.matcher(cmdAt < 0 ? "" : body.substring(cmdAt));
        Map<String, String> results = new LinkedHashMap<>();
        synchronized (this) {
            while (m.find()) {
                String key = m.group(1);
                String call = substitute(m.group(2), results);
                results.put(key, run(call));
                commands++;
            }
        }
        StringBuilder out = new StringBuilder("{\"result\":{\"result\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : results.entrySet()) {
            out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        out.append("},\"result_error\":[],\"result_total\":[],\"result_next\":[],\"result_time\":[]},\"time\":{\"start\":0}}");
        send(http, 200, out.toString());
    }

    /** {@code $result[key]} of an earlier sub-call whose result is a number. */
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
                return listed(leadsByOrigin.get(p.get("filter[ORIGIN_ID]")), "ID");
            case "crm.deal.list":
                return listed(dealsByOrigin.get(p.get("filter[ORIGIN_ID]")), "ID");
            case "crm.duplicate.findbycomm":
                return "[]";
            case "crm.lead.add": {
                long id = nextId++;
                if (leadsByOrigin.putIfAbsent(p.get("fields[ORIGIN_ID]"), id) != null) {
                    duplicateLeads++;
                }
                return Long.toString(id);
            }
            case "crm.deal.add": {
                long id = nextId++;
                if (dealsByOrigin.putIfAbsent(p.get("fields[ORIGIN_ID]"), id) != null) {
                    duplicateDeals++;
                }
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
                tasksCompleted++;
                return "{\"task\":{\"id\":\"" + p.get("taskId") + "\",\"status\":\"5\"}}";
            default:
                return "null";
        }
    }

    private static String listed(Long id, String field) {
        return id == null ? "[]" : "[{\"" + field + "\":\"" + id + "\"}]";
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

    private void stats(HttpExchange http) throws IOException {
        String json;
        synchronized (this) {
            List<String> fields = new ArrayList<>();
            fields.add("\"requests\":" + requests);
            fields.add("\"accepted\":" + accepted);
            fields.add("\"rejected503\":" + rejected);
            fields.add("\"commands\":" + commands);
            fields.add("\"firstAcceptedMs\":" + firstAcceptedMs);
            fields.add("\"lastAcceptedMs\":" + lastAcceptedMs);
            fields.add("\"leads\":" + leadsByOrigin.size());
            fields.add("\"deals\":" + dealsByOrigin.size());
            fields.add("\"tasks\":" + tasksByTitle.size());
            fields.add("\"tasksCompleted\":" + tasksCompleted);
            fields.add("\"duplicateLeads\":" + duplicateLeads);
            fields.add("\"duplicateDeals\":" + duplicateDeals);
            fields.add("\"duplicateTasks\":" + duplicateTasks);
            json = "{" + String.join(",", fields) + "}";
        }
        send(http, 200, json);
    }

    private static void send(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }
}
