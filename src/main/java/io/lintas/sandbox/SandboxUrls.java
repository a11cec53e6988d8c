package io.lintas.sandbox;

/**
 * The stand-ins' URLs for a port. Kept apart from {@link SandboxServer} so the environment can
 * be prepared without loading WireMock.
 */
public final class SandboxUrls {

    /** The one incoming webhook the sandbox portal has: {@code /rest/1/sandboxtoken/}. */
    public static final String USER_ID = "1";
    public static final String WEBHOOK_CODE = "sandboxtoken";
    /** Path prefixes of the billing and SMS stand-ins (each plays its own host). */
    static final String XENDIT = "/xendit";
    static final String MIDTRANS = "/midtrans";
    static final String TWILIO = "/twilio";
    static final String STRIPE = "/stripe";

    private SandboxUrls() {
    }

    /** {@code http://127.0.0.1:<port>}: also the Jira site's base URL. */
    public static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The portal's incoming webhook: {@code http://127.0.0.1:<port>/rest/1/sandboxtoken/}. */
    public static String bitrix24Url(int port) {
        return baseUrl(port) + "/rest/" + USER_ID + "/" + WEBHOOK_CODE + "/";
    }

    /** Xendit's API base URL (in place of https://api.xendit.co). */
    public static String xenditUrl(int port) {
        return baseUrl(port) + XENDIT;
    }

    /** Midtrans's Core API base URL (in place of https://api.sandbox.midtrans.com). */
    public static String midtransUrl(int port) {
        return baseUrl(port) + MIDTRANS;
    }

    /** Stripe's API base URL (in place of https://api.stripe.com). */
    public static String stripeUrl(int port) {
        return baseUrl(port) + STRIPE;
    }

    /** Twilio's API base URL (in place of https://api.twilio.com). */
    public static String twilioUrl(int port) {
        return baseUrl(port) + TWILIO;
    }
}
