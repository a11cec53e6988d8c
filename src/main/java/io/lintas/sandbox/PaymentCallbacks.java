package io.lintas.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * Where a provider stand-in sends its payment callbacks: what a provider's dashboard holds per account (the
 * callback URL and Xendit's verification token). The app fills it in from its tenants: the tenant whose billing
 * section names this provider and this secret key gets the callback at its own {@code /hooks/{tenant}/payments/…}.
 */
@FunctionalInterface
public interface PaymentCallbacks {

    /** The callback URL and the headers to add, for the account with this key; empty: nobody to call. */
    Optional<Target> target(String provider, String secretKey);

    /**
     * @param signingSecret Stripe: the endpoint's signing secret ({@code whsec_…}) the event is signed with
     *                      ({@code Stripe-Signature}); null for the others
     */
    record Target(String url, Map<String, String> headers, String signingSecret) {
        public Target(String url, Map<String, String> headers) {
            this(url, headers, null);
        }
    }

    /** No callbacks: a standalone sandbox (the payment is made; the answer says nobody was called). */
    PaymentCallbacks NONE = (provider, key) -> Optional.empty();
}
