package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Stripe account in memory (contract sheet §3), the invoice chain the hub runs for cards: {@code POST /v1/customers}
 * → {@code POST /v1/invoices} (draft) → {@code POST /v1/invoiceitems} with {@code invoice=} → {@code POST
 * /v1/invoices/{id}/finalize} (open, hosted_invoice_url) → {@code /send}; {@code GET /v1/invoices/{id}}. Form-encoded,
 * {@code Authorization: Bearer sk_…} (or Basic {@code sk_…:}); an {@code Idempotency-Key} replays the first successful
 * answer, and the same key with other parameters is refused. Errors as {@code {"error":{type, code, message, param}}}.
 * {@link #pay} marks an invoice paid and builds the {@code invoice.paid} event, for signing with the endpoint's secret.
 */
public final class StripeAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String API_VERSION = "2026-07-29.dahlia";

    private record Stored(ObjectNode object, String key) {
    }

    private record Replay(String body, StandInAnswer answer) {
    }

    /** A payment made in the sandbox: the event Stripe would send, and the key of the account it belongs to. */
    public record Payment(ObjectNode event, String secretKey) {
    }

    public record Stats(long requests, int customers, int invoices, int paid) {
    }

    private final Clock clock;
    private final Map<String, Stored> objects = new LinkedHashMap<>();
    private final Map<String, Replay> idempotency = new LinkedHashMap<>();
    private long sequence;
    private long requests;

    public StripeAccount(Clock clock) {
        this.clock = clock;
    }

    public synchronized Stats stats() {
        int customers = 0;
        int invoices = 0;
        int paid = 0;
        for (Stored s : objects.values()) {
            String type = s.object.path("object").asText();
            customers += "customer".equals(type) ? 1 : 0;
            invoices += "invoice".equals(type) ? 1 : 0;
            paid += "invoice".equals(type) && "paid".equals(s.object.path("status").asText()) ? 1 : 0;
        }
        return new Stats(requests, customers, invoices, paid);
    }

    public synchronized StandInAnswer handle(String method, String path, String authorization, String idempotencyKey, String form) {
        requests++;
        String key = apiKey(authorization);
        if (key == null) {
            return error(401, null, "You did not provide an API key. You need to provide your API key in the Authorization header,"
                    + " using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').", null);
        }
        if ("POST".equals(method) && idempotencyKey != null) {
            Replay replay = idempotency.get(key + " " + idempotencyKey);
            if (replay != null) {
                if (!replay.body.equals(form == null ? "" : form)) {
                    return error(400, null, "Keys for idempotent requests can only be used with the same parameters they were"
                            + " first used with. Try using a key other than '" + idempotencyKey + "' if you meant to execute"
                            + " a different request.", null, "idempotency_error");
                }
                return replay.answer;
            }
        }
        StandInAnswer answer = route(method, path, key, Params.fromQuery(form));
        if ("POST".equals(method) && idempotencyKey != null && answer.status() < 400) {
            idempotency.put(key + " " + idempotencyKey, new Replay(form == null ? "" : form, answer));
        }
        return answer;
    }

    private StandInAnswer route(String method, String path, String key, ObjectNode params) {
        String[] parts = path.split("/");
        // "", "v1", resource, id?, action?
        if (parts.length < 3 || !"v1".equals(parts[1])) {
            return error(404, "resource_missing", "Unrecognized request URL (" + method + ": " + path + ").", null);
        }
        String resource = parts[2];
        if ("POST".equals(method) && parts.length == 3 && "customers".equals(resource)) {
            ObjectNode c = newObject("cus", "customer");
            for (String f : new String[] {"name", "email", "phone", "description"}) {
                c.set(f, params.hasNonNull(f) ? params.get(f) : JSON.nullNode());
            }
            c.set("metadata", metadata(params));
            return store(c, key);
        }
        if ("POST".equals(method) && parts.length == 3 && "invoices".equals(resource)) {
            Stored customer = find(params.path("customer").asText(""), key, "customer");
            if (customer == null) {
                return error(400, "resource_missing", "No such customer: '" + params.path("customer").asText("") + "'", "customer");
            }
            ObjectNode in = newObject("in", "invoice");
            in.put("customer", customer.object.path("id").asText());
            in.put("status", "draft");
            in.put("collection_method", params.path("collection_method").asText("charge_automatically"));
            if (params.has("days_until_due")) {
                in.put("days_until_due", params.path("days_until_due").asInt());
            }
            in.put("currency", params.path("currency").asText("usd"));
            in.set("description", params.hasNonNull("description") ? params.get("description") : JSON.nullNode());
            in.put("amount_due", 0);
            in.put("amount_paid", 0);
            in.put("amount_remaining", 0);
            in.put("total", 0);
            in.putNull("hosted_invoice_url");
            in.putNull("invoice_pdf");
            in.putNull("number");
            in.putNull("due_date");
            in.set("metadata", metadata(params));
            ObjectNode lines = in.putObject("lines");
            lines.put("object", "list");
            lines.putArray("data");
            lines.put("has_more", false);
            return store(in, key);
        }
        if ("POST".equals(method) && parts.length == 3 && "invoiceitems".equals(resource)) {
            Stored customer = find(params.path("customer").asText(""), key, "customer");
            if (customer == null) {
                return error(400, "resource_missing", "No such customer: '" + params.path("customer").asText("") + "'", "customer");
            }
            Stored invoice = params.has("invoice") ? find(params.path("invoice").asText(), key, "invoice") : null;
            if (params.has("invoice") && invoice == null) {
                return error(400, "resource_missing", "No such invoice: '" + params.path("invoice").asText() + "'", "invoice");
            }
            if (invoice != null && !"draft".equals(invoice.object.path("status").asText())) {
                return error(400, "invoice_not_editable", "You can only add invoice items to draft invoices.", "invoice");
            }
            long amount;
            try {
                amount = Long.parseLong(params.path("amount").asText());
            } catch (NumberFormatException e) {
                return error(400, "parameter_missing", "Missing required param: amount.", "amount");
            }
            ObjectNode ii = newObject("ii", "invoiceitem");
            ii.put("amount", amount);
            ii.put("currency", params.path("currency").asText("usd"));
            ii.put("customer", customer.object.path("id").asText());
            ii.set("description", params.hasNonNull("description") ? params.get("description") : JSON.nullNode());
            ii.set("invoice", invoice == null ? JSON.nullNode() : invoice.object.get("id"));
            ii.put("date", ii.path("created").asLong());
            if (invoice != null) {
                ObjectNode in = invoice.object;
                in.put("amount_due", in.path("amount_due").asLong() + amount);
                in.put("amount_remaining", in.path("amount_remaining").asLong() + amount);
                in.put("total", in.path("total").asLong() + amount);
                ObjectNode line = ((com.fasterxml.jackson.databind.node.ArrayNode) in.path("lines").path("data")).addObject();
                line.put("id", "il_" + ii.path("id").asText().substring(3));
                line.put("object", "line_item");
                line.put("amount", amount);
                line.put("currency", ii.path("currency").asText());
                line.set("description", ii.get("description"));
            }
            return store(ii, key);
        }
        if ("invoices".equals(resource) && parts.length >= 4) {
            Stored invoice = find(parts[3], key, "invoice");
            if (invoice == null) {
                return error(404, "resource_missing", "No such invoice: '" + parts[3] + "'", "id");
            }
            ObjectNode in = invoice.object;
            if ("GET".equals(method) && parts.length == 4) {
                return new StandInAnswer(200, in.deepCopy());
            }
            String action = parts.length == 5 ? parts[4] : "";
            if ("POST".equals(method) && "finalize".equals(action)) {
                if (!"draft".equals(in.path("status").asText())) {
                    return error(400, "invoice_not_editable", "This invoice is already finalized, you can't re-finalize a"
                            + " non-draft invoice.", null);
                }
                String id = in.path("id").asText();
                in.put("status", "open");
                in.put("number", "SANDBOX-" + String.format("%04d", sequence));
                in.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_sandbox/test_" + id);
                in.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_sandbox/test_" + id + "/pdf");
                if (in.has("days_until_due")) {
                    in.put("due_date", clock.instant().getEpochSecond() + 86_400L * in.path("days_until_due").asLong());
                }
                return new StandInAnswer(200, in.deepCopy());
            }
            if ("POST".equals(method) && "send".equals(action)) {
                if (!"open".equals(in.path("status").asText())) {
                    return error(400, "invoice_not_open", "You can only send an open invoice.", null);
                }
                return new StandInAnswer(200, in.deepCopy());
            }
        }
        return error(404, "resource_missing", "Unrecognized request URL (" + method + ": " + path + ").", null);
    }

    /**
     * The customer pays an open invoice by card: status paid, amount_paid = amount_due; the answer is the
     * {@code invoice.paid} event (the contract's envelope), or null when there is no open or paid invoice by that id
     * or by {@code metadata[lintas_invoice_id]}.
     */
    public synchronized Payment pay(String idOrLintasId) {
        Stored invoice = objects.values().stream()
                .filter(s -> "invoice".equals(s.object.path("object").asText()))
                .filter(s -> idOrLintasId.equals(s.object.path("id").asText())
                        || idOrLintasId.equals(s.object.path("metadata").path("lintas_invoice_id").asText()))
                .reduce((a, b) -> b).orElse(null);
        if (invoice == null || "draft".equals(invoice.object.path("status").asText())) {
            return null;
        }
        ObjectNode in = invoice.object;
        if (!"paid".equals(in.path("status").asText())) {
            in.put("status", "paid");
            in.put("amount_paid", in.path("amount_due").asLong());
            in.put("amount_remaining", 0);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + String.format("%024x", ++sequence));
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", clock.instant().getEpochSecond());
        event.putObject("data").set("object", in.deepCopy());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        event.put("type", "invoice.paid");
        return new Payment(event, invoice.key);
    }

    private ObjectNode newObject(String prefix, String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", prefix + "_" + String.format("Sbx%013d", ++sequence));
        o.put("object", type);
        o.put("created", clock.instant().getEpochSecond());
        o.put("livemode", false);
        return o;
    }

    private StandInAnswer store(ObjectNode object, String key) {
        objects.put(object.path("id").asText(), new Stored(object, key));
        return new StandInAnswer(200, object.deepCopy());
    }

    private Stored find(String id, String key, String type) {
        Stored s = objects.get(id);
        return s != null && s.key.equals(key) && type.equals(s.object.path("object").asText()) ? s : null;
    }

    private static JsonNode metadata(ObjectNode params) {
        return params.path("metadata").isObject() ? params.get("metadata").deepCopy() : JSON.createObjectNode();
    }

    private static String apiKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        String[] basic = StandInAnswer.basic(authorization);
        return basic == null || basic[0].isBlank() ? null : basic[0];
    }

    private static StandInAnswer error(int status, String code, String message, String param) {
        return error(status, code, message, param, "invalid_request_error");
    }

    private static StandInAnswer error(int status, String code, String message, String param, String type) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return new StandInAnswer(status, body);
    }
}
