package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A Midtrans merchant in memory (contract sheet §2), Core API: {@code POST /v2/charge} with payment_type
 * bank_transfer (bca, bni, bri: {@code va_numbers}; permata: {@code permata_va_number}) or echannel (Mandiri:
 * {@code bill_key} + {@code biller_code}), answered like the contract's BCA example (status_code "201", pending);
 * {@code GET /v2/{order_id}/status} in the notification's shape, or status_code "404". An order id charged again
 * gets 406; the same {@code Idempotency-Key} within 5 minutes gets the first answer back. Any Basic
 * {@code ServerKey:} is accepted; {@link #pay} settles the order and returns the notification, signed with
 * SHA-512(order_id + status_code + gross_amount + server key) as Midtrans signs it (§2.3).
 */
public final class MidtransAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** WIB, as Midtrans writes transaction_time. */
    private static final DateTimeFormatter WIB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(7));
    static final String MERCHANT_ID = "G812785002";

    private record Stored(ObjectNode status, String serverKey) {
    }

    private record Replay(StandInAnswer answer, long at) {
    }

    /** A settlement made in the sandbox: the HTTP notification, and the server key of the merchant it goes to. */
    public record Payment(ObjectNode notification, String serverKey) {
    }

    public record Stats(long requests, int orders, int settled) {
    }

    private final Clock clock;
    private final Map<String, Stored> byOrder = new LinkedHashMap<>();
    private final Map<String, Replay> idempotency = new LinkedHashMap<>();
    private long sequence;
    private long requests;

    public MidtransAccount(Clock clock) {
        this.clock = clock;
    }

    public synchronized Stats stats() {
        int settled = (int) byOrder.values().stream()
                .filter(s -> "settlement".equals(s.status.path("transaction_status").asText())).count();
        return new Stats(requests, byOrder.size(), settled);
    }

    public synchronized StandInAnswer handle(String method, String path, String authorization, String idempotencyKey, String body) {
        requests++;
        String[] key = StandInAnswer.basic(authorization);
        if (key == null || key[0].isBlank()) {
            return error(401, "401", "Unknown Merchant server_key/id");
        }
        if ("POST".equals(method) && "/v2/charge".equals(path)) {
            if (idempotencyKey != null) {
                Replay replay = idempotency.get(key[0] + " " + idempotencyKey);
                if (replay != null && clock.millis() - replay.at < 300_000) {
                    return replay.answer;
                }
            }
            StandInAnswer answer = charge(key[0], body);
            if (idempotencyKey != null && answer.status() < 300) {   // only successes are kept (§2.4)
                idempotency.put(key[0] + " " + idempotencyKey, new Replay(answer, clock.millis()));
            }
            return answer;
        }
        if ("GET".equals(method) && path.startsWith("/v2/") && path.endsWith("/status")) {
            String orderId = java.net.URLDecoder.decode(path.substring(4, path.length() - "/status".length()), StandardCharsets.UTF_8);
            Stored s = byOrder.get(orderId);
            if (s == null || !s.serverKey.equals(key[0])) {
                return error(404, "404", "Transaction doesn't exist.");
            }
            ObjectNode status = s.status.deepCopy();
            status.put("status_message", "Success, transaction is found");
            status.put("signature_key", signature(status, s.serverKey));
            return new StandInAnswer(200, status);
        }
        return error(404, "404", "The sandbox Midtrans has no " + method + " " + path);
    }

    private StandInAnswer charge(String serverKey, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return error(400, "400", "The request body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            return error(400, "400", "The request body must be a JSON object");
        }
        String orderId = request.path("transaction_details").path("order_id").asText("");
        JsonNode gross = request.path("transaction_details").path("gross_amount");
        if (orderId.isBlank() || !gross.isNumber() || gross.decimalValue().signum() <= 0) {
            return error(400, "400", "transaction_details.order_id and a positive transaction_details.gross_amount are required");
        }
        if (byOrder.containsKey(orderId)) {
            return error(406, "406", "order_id has been paid and utilized, please use another order ID");
        }
        String type = request.path("payment_type").asText("");
        long n = ++sequence;
        ObjectNode status = JSON.createObjectNode();
        status.put("status_code", "201");
        status.put("status_message", "Success, Bank Transfer transaction is created");
        status.put("transaction_id", UUID.nameUUIDFromBytes(("sandbox-midtrans-" + serverKey + orderId).getBytes(StandardCharsets.UTF_8)).toString());
        status.put("order_id", orderId);
        status.put("merchant_id", MERCHANT_ID);
        status.put("gross_amount", gross.decimalValue().setScale(2, RoundingMode.DOWN).toPlainString());
        status.put("currency", "IDR");
        status.put("payment_type", type);
        status.put("transaction_time", WIB.format(clock.instant()));
        status.put("transaction_status", "pending");
        switch (type) {
            case "bank_transfer" -> {
                String bank = request.path("bank_transfer").path("bank").asText("").toLowerCase(Locale.ROOT);
                String va = request.path("bank_transfer").path("va_number").asText(null);
                switch (bank) {
                    case "bca", "bni", "bri" -> {
                        ObjectNode entry = status.putArray("va_numbers").addObject();
                        entry.put("bank", bank);
                        entry.put("va_number", va != null ? va : vaNumber(bank, n));
                    }
                    case "permata" -> status.put("permata_va_number", va != null ? va : vaNumber(bank, n));
                    default -> {
                        return error(400, "400", "bank_transfer.bank must be bca, bni, bri or permata");
                    }
                }
            }
            case "echannel" -> {
                status.put("bill_key", String.format("%012d", 990_000_000_000L + n));
                status.put("biller_code", "70012");
            }
            default -> {
                return error(400, "400", "The sandbox charges payment_type bank_transfer or echannel only");
            }
        }
        status.put("fraud_status", "accept");
        byOrder.put(orderId, new Stored(status, serverKey));
        return new StandInAnswer(200, status.deepCopy());
    }

    static String vaNumber(String bank, long n) {
        String prefix = switch (bank) {
            case "bca" -> "12785";
            case "bni" -> "9881";
            case "bri" -> "23456";
            default -> "8562";
        };
        return prefix + String.format("%010d", 9_000_000_000L + n % 1_000_000_000L);
    }

    /**
     * The customer pays the order: it becomes {@code settlement}; the answer is the HTTP notification Midtrans
     * would send (the contract's BCA settlement sample, with this order's values), or null for no such order.
     */
    public synchronized Payment pay(String orderId) {
        Stored s = byOrder.get(orderId);
        if (s == null) {
            return null;
        }
        ObjectNode status = s.status;
        if (!"settlement".equals(status.path("transaction_status").asText())) {
            status.put("transaction_status", "settlement");
            status.put("settlement_time", WIB.format(clock.instant()));
        }
        status.put("status_code", "200");
        ObjectNode notification = status.deepCopy();
        notification.put("status_message", "midtrans payment notification");
        notification.putArray("payment_amounts");
        notification.put("signature_key", signature(notification, s.serverKey));
        return new Payment(notification, s.serverKey);
    }

    /** SHA-512(order_id + status_code + gross_amount + server key), lower-case hex (contract §2.3). */
    static String signature(JsonNode n, String serverKey) {
        String input = n.path("order_id").asText() + n.path("status_code").asText() + n.path("gross_amount").asText() + serverKey;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StandInAnswer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status_code", code);
        body.put("status_message", message);
        return new StandInAnswer(status, body);
    }
}
