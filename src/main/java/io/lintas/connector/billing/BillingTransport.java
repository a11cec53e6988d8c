package io.lintas.connector.billing;

import io.lintas.tenant.BillingConfig;

/** Sends a call to the tenant's payment provider (the {@code <provider>-rest-action} connector). */
public interface BillingTransport {

    /**
     * @return the answer, whatever its status
     * @throws BillingException.Unclear when no answer came (timeout, connection lost): the call may have been applied
     */
    BillingResponse send(BillingConfig billing, BillingCall call);
}
