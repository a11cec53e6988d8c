package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Xendit account in memory (contract sheet §1): {@code POST /v2/invoices} answers an Invoice with
 * {@code available_banks[]} carrying a VA number per bank, {@code GET /v2/invoices?external_id=} a list,
 * {@code GET /v2/invoices/{id}} one invoice; errors as {@code {error_code, message}}. The API key is any
 * Basic {@code secret_key:} (empty password); the invoices remember it, so a payment's callback goes to the
 * account that made the invoice. {@link #pay} plays the customer's bank transfer: the invoice becomes PAID
 * and the wire-format callback (§1.2) is returned for sending.
 */
public final class XenditAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bank codes Xendit invoices offer VAs for, with a merchant prefix per bank (sandbox-made). */
    static final Map<String, String> VA_PREFIX = new LinkedHashMap<>();

    static {
        VA_PREFIX.put("BCA", "10766");
        VA_PREFIX.put("BNI", "8808");
        VA_PREFIX.put("BRI", "26215");
        VA_PREFIX.put("MANDIRI", "88608");
        VA_PREFIX.put("PERMATA", "821458");
        VA_PREFIX.put("BSI", "9347");
    }

    static final String USER_ID = "5f9a3fbd571a34385a5f7c1d";
    static final String MERCHANT = "Lintas Sandbox";

    /** An invoice or a Fixed VA as the account keeps it, with the API key that made it. */
    private record Stored(ObjectNode document, String secretKey) {
    }

    /** What the account holds, for the tests and the bench. */
    public record Stats(long requests, int invoices, int paid) {
    }

    /** A payment made in the sandbox: the callback Xendit would send, and the key of the account it goes to. */
    public record Payment(ObjectNode callback, String secretKey) {
    }

    private final Clock clock;
    private final Map<String, Stored> byId = new LinkedHashMap<>();
    private final Map<String, Stored> fixedVas = new LinkedHashMap<>();
    private long sequence;
    private long requests;

    public XenditAccount(Clock clock) {
        this.clock = clock;
    }

    public synchronized Stats stats() {
        int paid = (int) byId.values().stream().filter(s -> "PAID".equals(s.document.path("status").asText())).count();
        return new Stats(requests, byId.size(), paid);
    }

    /** One API request: method, path after the account's base URL, raw query, Authorization, body. */
    public synchronized StandInAnswer handle(String method, String path, String query, String authorization, String body) {
        requests++;
        String[] key = StandInAnswer.basic(authorization);
        if (key == null || key[0].isBlank()) {
            return error(401, "INVALID_API_KEY", "API key is invalid");
        }
        if ("POST".equals(method) && "/v2/invoices".equals(path)) {
            return create(key[0], body);
        }
        if ("POST".equals(method) && "/callback_virtual_accounts".equals(path)) {
            return createFixedVa(key[0], body);
        }
        if ("GET".equals(method) && "/v2/invoices".equals(path)) {
            String externalId = Params.fromQuery(query).path("external_id").asText(null);
            ArrayNode list = JSON.createArrayNode();
            byId.values().stream().filter(s -> s.secretKey.equals(key[0]))
                    .filter(s -> externalId == null || externalId.equals(s.document.path("external_id").asText()))
                    .forEach(s -> list.add(s.document.deepCopy()));
            return new StandInAnswer(200, list);
        }
        if ("GET".equals(method) && path.startsWith("/v2/invoices/")) {
            Stored found = byId.get(path.substring("/v2/invoices/".length()));
            if (found == null || !found.secretKey.equals(key[0])) {
                return error(404, "INVOICE_NOT_FOUND_ERROR", "Invoice not found");
            }
            return new StandInAnswer(200, found.document.deepCopy());
        }
        return error(404, "NOT_FOUND", "The sandbox Xendit has no " + method + " " + path);
    }

    private StandInAnswer create(String secretKey, String body) {
        JsonNode request = jsonObject(body);
        if (request == null) {
            return error(400, "API_VALIDATION_ERROR", "The body must be a JSON object");
        }
        String externalId = request.path("external_id").asText("");
        if (externalId.isBlank()) {
            return error(400, "API_VALIDATION_ERROR", "external_id is required");
        }
        if (!request.path("amount").isNumber() || request.path("amount").decimalValue().signum() <= 0) {
            return error(400, "API_VALIDATION_ERROR", "amount is required and must be a positive number");
        }
        String currency = request.path("currency").asText("IDR").toUpperCase(Locale.ROOT);
        if (!List.of("IDR", "PHP", "THB", "VND", "MYR").contains(currency)) {
            return error(400, "UNSUPPORTED_CURRENCY", "Currency " + currency + " is not supported");
        }
        List<String> banks = new ArrayList<>();
        if (request.path("payment_methods").isArray() && !request.path("payment_methods").isEmpty()) {
            for (JsonNode m : request.path("payment_methods")) {
                String code = m.asText().toUpperCase(Locale.ROOT);
                if (!VA_PREFIX.containsKey(code)) {
                    return error(400, "UNAVAILABLE_PAYMENT_METHOD_ERROR", "Payment method " + code + " is not available");
                }
                banks.add(code);
            }
        } else {
            banks.addAll(VA_PREFIX.keySet());
        }
        // IDR: decimals are truncated (contract §1.1)
        BigDecimal amount = request.path("amount").decimalValue();
        if ("IDR".equals(currency)) {
            amount = amount.setScale(0, java.math.RoundingMode.DOWN);
        }
        long n = ++sequence;
        String id = String.format("6a1f0c5e%016x", n);   // 24 hex digits, like Xendit's ids
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long duration = request.path("invoice_duration").asLong(86_400);
        ObjectNode invoice = JSON.createObjectNode();
        invoice.put("id", id);
        invoice.put("external_id", externalId);
        invoice.put("user_id", USER_ID);
        invoice.put("status", "PENDING");
        invoice.put("merchant_name", MERCHANT);
        invoice.put("merchant_profile_picture_url", "https://xnd-merchant-logos.s3.amazonaws.com/business/production/sandbox.png");
        invoice.put("amount", amount);
        if (request.hasNonNull("payer_email")) {
            invoice.put("payer_email", request.get("payer_email").asText());
        }
        invoice.put("description", request.path("description").asText("Invoice " + externalId));
        invoice.put("expiry_date", now.plusSeconds(duration).toString());
        invoice.put("invoice_url", "https://checkout-staging.xendit.co/web/" + id);
        Stored fixedVa = null;
        if (request.hasNonNull("callback_virtual_account_id")) {
            fixedVa = fixedVas.get(request.get("callback_virtual_account_id").asText());
            if (fixedVa == null || !fixedVa.secretKey.equals(secretKey)) {
                return error(404, "CALLBACK_VIRTUAL_ACCOUNT_NOT_FOUND_ERROR", "Callback virtual account not found");
            }
        }
        ArrayNode available = invoice.putArray("available_banks");
        for (String bank : banks) {
            ObjectNode b = available.addObject();
            b.put("bank_code", bank);
            b.put("collection_type", "POOL");
            b.put("bank_branch", "Virtual Account");
            b.put("bank_account_number", fixedVa != null && bank.equals(fixedVa.document.path("bank_code").asText())
                    ? fixedVa.document.path("account_number").asText() : vaNumber(bank, n));
            b.put("account_holder_name", MERCHANT.toUpperCase(Locale.ROOT));
            b.put("transfer_amount", amount);
        }
        invoice.putArray("available_retail_outlets");
        invoice.putArray("available_ewallets");
        invoice.putArray("available_qr_codes");
        invoice.putArray("available_direct_debits");
        invoice.putArray("available_paylaters");
        invoice.put("should_exclude_credit_card", false);
        invoice.put("should_send_email", request.path("should_send_email").asBoolean(false));
        invoice.put("created", now.toString());
        invoice.put("updated", now.toString());
        invoice.put("currency", currency);
        for (String copied : List.of("items", "customer", "customer_notification_preference", "metadata", "locale")) {
            if (request.has(copied)) {
                invoice.set(copied, request.get(copied).deepCopy());
            }
        }
        byId.put(id, new Stored(invoice, secretKey));
        return new StandInAnswer(200, invoice.deepCopy());
    }

    /** The body as a JSON object, or null when it is not one (or no JSON at all). */
    private static JsonNode jsonObject(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** POST /callback_virtual_accounts (contract §1.3): an open Fixed VA, answered PENDING as Xendit does. */
    private StandInAnswer createFixedVa(String secretKey, String body) {
        JsonNode request = jsonObject(body);
        if (request == null) {
            return error(400, "API_VALIDATION_ERROR", "The body must be a JSON object");
        }
        String externalId = request.path("external_id").asText("");
        String bank = request.path("bank_code").asText("").toUpperCase(Locale.ROOT);
        String name = request.path("name").asText("");
        if (externalId.isBlank() || !VA_PREFIX.containsKey(bank) || !name.matches("[A-Za-z ]+")) {
            return error(400, "API_VALIDATION_ERROR", "external_id, bank_code (" + VA_PREFIX.keySet() + ") and name"
                    + " (letters only) are required");
        }
        boolean taken = fixedVas.values().stream().anyMatch(f -> f.secretKey.equals(secretKey)
                && externalId.equals(f.document.path("external_id").asText()));
        if (taken) {
            return error(400, "DUPLICATE_CALLBACK_VIRTUAL_ACCOUNT_ERROR", "A fixed virtual account with this external_id exists");
        }
        long n = ++sequence;
        ObjectNode account = JSON.createObjectNode();
        account.put("is_closed", request.path("is_closed").asBoolean(false));
        account.put("status", "PENDING");
        account.put("currency", "IDR");
        account.put("owner_id", USER_ID);
        account.put("external_id", externalId);
        account.put("bank_code", bank);
        account.put("merchant_code", VA_PREFIX.get(bank));
        account.put("name", name);
        account.put("account_number", VA_PREFIX.get(bank) + String.format("%08d", 77_000_000L + n % 1_000_000L));
        account.put("is_single_use", request.path("is_single_use").asBoolean(false));
        account.put("expiration_date", clock.instant().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString());
        account.put("id", String.format("6a2f0c5e%016x", n));
        fixedVas.put(account.get("id").asText(), new Stored(account, secretKey));
        return new StandInAnswer(200, account.deepCopy());
    }

    /** The VA number of an invoice at a bank: the bank's prefix and the invoice's sequence (sandbox-made). */
    static String vaNumber(String bank, long n) {
        return VA_PREFIX.get(bank) + String.format("%08d", 99_000_000L + n % 1_000_000L);
    }

    /** The invoice by Xendit id or by external_id (the Lintas invoice id). */
    public synchronized ObjectNode find(String idOrExternalId) {
        Stored s = lookup(idOrExternalId);
        return s == null ? null : s.document.deepCopy();
    }

    private Stored lookup(String idOrExternalId) {
        Stored s = byId.get(idOrExternalId);
        if (s != null) {
            return s;
        }
        return byId.values().stream().filter(x -> idOrExternalId.equals(x.document.path("external_id").asText()))
                .reduce((a, b) -> b).orElse(null);
    }

    /**
     * The customer pays the invoice by bank transfer to its VA ({@code bank} null: the first bank offered).
     * The invoice becomes PAID with {@code paid_amount} = {@code amount} (null: in full); the answer is the callback
     * Xendit sends (snake_case, as the contract's captured VA payment), or null when there is no such invoice.
     * A paid invoice is not paid again: the callback is the same (Xendit re-sends it on a dashboard resend).
     */
    public synchronized Payment pay(String idOrExternalId, String bank, BigDecimal amount) {
        Stored s = lookup(idOrExternalId);
        if (s == null) {
            return null;
        }
        ObjectNode invoice = s.document;
        if (!"PAID".equals(invoice.path("status").asText())) {
            JsonNode chosen = null;
            for (JsonNode b : invoice.path("available_banks")) {
                if (chosen == null || (bank != null && bank.equalsIgnoreCase(b.path("bank_code").asText()))) {
                    chosen = b;
                }
            }
            if (chosen == null) {
                return null;
            }
            String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
            invoice.put("status", "PAID");
            invoice.put("paid_amount", amount == null ? invoice.get("amount").decimalValue() : amount);
            invoice.put("paid_at", now);
            invoice.put("updated", now);
            invoice.put("payment_method", "BANK_TRANSFER");
            invoice.put("bank_code", chosen.path("bank_code").asText());
            invoice.put("payment_channel", chosen.path("bank_code").asText());
            invoice.put("payment_destination", chosen.path("bank_account_number").asText());
            invoice.put("payment_id", "sandbox-payment-" + invoice.path("id").asText());
        }
        ObjectNode callback = JSON.createObjectNode();
        callback.put("id", invoice.path("id").asText());
        callback.set("amount", invoice.get("amount"));
        callback.put("status", "PAID");
        callback.put("created", invoice.path("created").asText());
        callback.put("is_high", false);
        callback.put("paid_at", invoice.path("paid_at").asText());
        callback.put("updated", invoice.path("updated").asText());
        callback.put("user_id", USER_ID);
        callback.put("currency", invoice.path("currency").asText());
        callback.put("bank_code", invoice.path("bank_code").asText());
        callback.put("description", invoice.path("description").asText());
        callback.put("external_id", invoice.path("external_id").asText());
        callback.set("paid_amount", invoice.get("paid_amount"));
        if (invoice.hasNonNull("payer_email")) {
            callback.put("payer_email", invoice.get("payer_email").asText());
        }
        callback.put("merchant_name", MERCHANT);
        callback.set("initial_amount", invoice.get("amount"));
        callback.put("payment_id", invoice.path("payment_id").asText());
        callback.put("payment_method", "BANK_TRANSFER");
        callback.put("payment_channel", invoice.path("payment_channel").asText());
        callback.put("payment_destination", invoice.path("payment_destination").asText());
        return new Payment(callback, s.secretKey);
    }

    private static StandInAnswer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code);
        body.put("message", message);
        return new StandInAnswer(status, body);
    }
}
