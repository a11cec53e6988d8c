package io.lintas.sandbox;

/**
 * The stand-ins' URLs for a port. Kept apart from {@link SandboxServer} so the environment can
 * be prepared without loading WireMock.
 */
public final class SandboxUrls {

    /** The one incoming webhook the sandbox portal has: {@code /rest/1/sandboxtoken/}. */
    public static final String USER_ID = "1";
    public static final String WEBHOOK_CODE = "sandboxtoken";

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
}
