package io.lintas.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Small helpers for handling secrets: constant-time comparison and masking for display. */
public final class Secrets {

    private Secrets() {
    }

    /** Constant-time comparison; false when either side is null. */
    public static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** What may be shown instead of a secret. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(none)" : "******";
    }
}
