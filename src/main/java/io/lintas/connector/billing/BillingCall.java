package io.lintas.connector.billing;

/**
 * One HTTP call to a payment provider.
 *
 * @param method         GET or POST
 * @param path           path under the provider's base URL, e.g. /v2/invoices
 * @param query          query string without '?', or null
 * @param contentType    application/json or application/x-www-form-urlencoded (POST), null for GET
 * @param body           the request body, or null
 * @param idempotencyKey sent as Idempotency-Key, or null
 */
public record BillingCall(String method, String path, String query, String contentType, String body, String idempotencyKey) {

    public static BillingCall get(String path, String query) {
        return new BillingCall("GET", path, query, null, null, null);
    }

    public static BillingCall postJson(String path, String body, String idempotencyKey) {
        return new BillingCall("POST", path, null, "application/json", body, idempotencyKey);
    }

    public static BillingCall postForm(String path, String body, String idempotencyKey) {
        return new BillingCall("POST", path, null, "application/x-www-form-urlencoded", body, idempotencyKey);
    }

    public String describe() {
        return method + " " + path;
    }
}
