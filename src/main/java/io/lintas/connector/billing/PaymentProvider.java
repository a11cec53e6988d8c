package io.lintas.connector.billing;

import io.lintas.billing.Invoice;
import io.lintas.billing.PaymentUpdate;
import io.lintas.tenant.BillingConfig;
import java.util.Optional;

/** One payment provider's invoice calls. */
public interface PaymentProvider {

    /** xendit | midtrans | stripe */
    String name();

    /**
     * Creates the invoice at the provider (one attempt).
     *
     * @throws BillingException.Unclear when the outcome is unknown: look it up before trying again
     */
    Invoice.Issued create(Invoice invoice, BillingConfig billing);

    /** The invoice as the provider has it, by the Lintas invoice id (external_id / order_id), if it exists. */
    Optional<Invoice.Issued> lookup(Invoice invoice, BillingConfig billing);

    /**
     * What the provider says now about the invoice a callback was about: the callback is a hint, this re-read
     * is the truth (contract §8.4). {@code claimed} is the callback's own reading, used where no re-read exists.
     */
    PaymentUpdate recheck(Invoice invoice, BillingConfig billing, PaymentCallback callback);
}
