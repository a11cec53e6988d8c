package io.lintas.connector;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Twilio-Signature} the way twilio-java's {@code RequestValidator} does:
 * Base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...)) with the POST parameter
 * names in plain String order, accepted when either the URL with its standard port
 * ({@code :443}/{@code :80} added) or the URL without any port matches. A URL carrying
 * {@code bodySHA256} is the JSON-body variant: the URL is signed with no parameters and the body's
 * lower-case hex SHA-256 must equal that query value. All comparisons are constant-time.
 *
 * <p>Repeated parameter names (which Twilio does not send) are signed once per distinct value in
 * String order, as twilio-python does; with single values this is exactly the Java SDK.
 */
public final class TwilioSignatureVerifier {

    private static final String BODY_SHA256 = "bodySHA256";

    /**
     * @param url        the full URL exactly as Twilio requested it (scheme, host, path, query)
     * @param postParams the decoded POST parameters (empty for GET and for the JSON variant)
     * @param body       the raw body, hashed for the JSON variant
     * @param signature  the {@code X-Twilio-Signature} header, or null
     * @param authToken  the account's Auth Token
     */
    public boolean isValid(String url, Map<String, List<String>> postParams, byte[] body, String signature,
            String authToken) {
        if (url == null || signature == null || authToken == null || authToken.isEmpty()) {
            return false;
        }
        String bodyHash = bodySha256(url);
        if (bodyHash != null) {
            return urlMatches(url, Map.of(), signature, authToken)
                    & constantTimeEquals(bodyHash, HexFormat.of().formatHex(sha256(body == null ? new byte[0] : body)));
        }
        return urlMatches(url, postParams == null ? Map.of() : postParams, signature, authToken);
    }

    /** The signature Twilio computes for exactly this URL and these parameters. */
    public String sign(String url, Map<String, List<String>> params, String authToken) {
        StringBuilder data = new StringBuilder(url);
        for (String name : new TreeSet<>(params.keySet())) {
            List<String> values = params.get(name);
            TreeSet<String> sorted = new TreeSet<>();
            for (String value : values == null || values.isEmpty() ? List.of("") : values) {
                sorted.add(value == null ? "" : value);
            }
            for (String value : sorted) {
                data.append(name).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    private boolean urlMatches(String url, Map<String, List<String>> params, String signature, String authToken) {
        boolean withPort = constantTimeEquals(sign(withStandardPort(url), params, authToken), signature);
        boolean withoutPort = constantTimeEquals(sign(withoutPort(url), params, authToken), signature);
        return withPort | withoutPort;
    }

    /** The URL with :443 or :80 added when it has no port; as given when it has one or does not parse. */
    static String withStandardPort(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getPort() != -1) {
                return url;
            }
            return rebuild(uri, Objects.equals(uri.getScheme(), "https") ? 443 : 80);
        } catch (Exception unparseable) {
            return url;
        }
    }

    /** The URL without its port; as given when it has none or does not parse. */
    static String withoutPort(String url) {
        try {
            URI uri = new URI(url);
            return uri.getPort() == -1 ? url : rebuild(uri, -1);
        } catch (Exception unparseable) {
            return url;
        }
    }

    // the SDK rebuilds the URL from its decoded parts with the multi-argument constructor; so do we
    private static String rebuild(URI uri, int port) throws Exception {
        return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(), uri.getQuery(),
                uri.getFragment()).toString();
    }

    private static String bodySha256(String url) {
        try {
            String query = new URI(url).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (name.equals(BODY_SHA256)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        } catch (Exception unparseable) {
            return null;
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
