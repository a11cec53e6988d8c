package io.lintas.connector.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A verified provider callback, as it goes on {@code lintas.payments} (JSON).
 *
 * @param id          Lintas id of this delivery (ULID)
 * @param tenant      tenant id
 * @param provider    xendit | midtrans | stripe
 * @param invoiceId   the Lintas invoice id it is about
 * @param providerRef the provider's id of the bill (Xendit invoice id, Midtrans order_id, Stripe in_…)
 * @param eventKey    the dedupe key: Xendit id:status, Midtrans transaction_id:transaction_status, Stripe evt_…
 * @param status      the status the callback claims (Xendit status, Midtrans transaction_status, Stripe event type)
 * @param amount      the total paid the callback claims, or null
 * @param receivedAt  when it arrived
 * @param body        the raw body as received
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentCallback(String id, String tenant, String provider, String invoiceId, String providerRef,
        String eventKey, String status, BigDecimal amount, Instant receivedAt, String body) {

    @Override
    public String toString() {
        return "PaymentCallback[" + id + " " + tenant + " " + provider + " " + invoiceId + " " + eventKey + "]";
    }
}
