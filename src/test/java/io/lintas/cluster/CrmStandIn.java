package io.lintas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Bitrix24 portal's batch endpoint for many leads at once (WireMock transformer): each
 * {@code crm.lead.add} gets a new id and is counted by its ORIGIN_ID (the Lintas lead id); a lookup by
 * ORIGIN_ID finds a lead added before, as the real portal would; other lookups find nothing.
 */
final class CrmStandIn implements ResponseTransformerV2 {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AtomicInteger> adds = new ConcurrentHashMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1000);

    /** crm.lead.add calls per Lintas lead id. */
    Map<String, AtomicInteger> adds() {
        return adds;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        StringBuilder results = new StringBuilder();
        try {
            JsonNode cmd = json.readTree(serveEvent.getRequest().getBodyAsString()).path("cmd");
            Iterator<Map.Entry<String, JsonNode>> commands = cmd.fields();
            while (commands.hasNext()) {
                Map.Entry<String, JsonNode> c = commands.next();
                results.append(results.isEmpty() ? "" : ",").append(json.writeValueAsString(c.getKey())).append(':')
                        .append(answer(c.getValue().asText()));
            }
        } catch (Exception e) {
            return Response.Builder.like(response).but().status(400).body("{\"error\":\"" + e.getMessage() + "\"}").build();
        }
        String body = "{\"result\":{\"result\":{" + results + "},\"result_error\":[],\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":[]},\"time\":{\"start\":1705764932.99,\"finish\":1705764933.17,\"duration\":0.18}}";
        return Response.Builder.like(response).but().body(body).build();
    }

    private String answer(String command) {
        String origin = param(command, "ORIGIN_ID]=");
        if (command.startsWith("crm.lead.add")) {
            long id = ids.computeIfAbsent(origin, o -> next.incrementAndGet());
            adds.computeIfAbsent(origin, o -> new AtomicInteger()).incrementAndGet();
            return Long.toString(id);
        }
        if (command.startsWith("crm.lead.list") && origin != null && ids.containsKey(origin)) {
            return "[{\"ID\":\"" + ids.get(origin) + "\"}]";
        }
        if (command.contains(".list") || command.contains("duplicate")) {
            return "[]";
        }
        return "1";
    }

    private static String param(String command, String name) {
        int at = command.indexOf(name);
        if (at < 0) {
            return null;
        }
        int end = command.indexOf('&', at);
        return command.substring(at + name.length(), end < 0 ? command.length() : end);
    }

    @Override
    public String getName() {
        return "crm-stand-in";
    }
}
