package io.lintas.fuzz;

import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import io.lintas.tenant.TenantsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tenants of the test profile (src/test/resources/tenants-test.yaml), for unit tests without Spring. */
public final class TestTenants {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}:]+:([^}]*)}");

    private TestTenants() {
    }

    /** acme, rusco and kopi as the test profile has them; placeholders at their defaults. */
    public static TenantRegistry registry() {
        String yaml = new String(resource("/tenants-test.yaml"), StandardCharsets.UTF_8);
        List<Tenant> parsed = TenantsFile.parse("tenants-test.yaml", yaml, text -> {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
            }
            m.appendTail(out);
            return out.toString();
        });
        return new TenantRegistry(parsed);
    }

    /** A test resource's bytes. */
    public static byte[] resource(String path) {
        try (InputStream in = TestTenants.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
