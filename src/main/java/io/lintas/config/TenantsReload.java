package io.lintas.config;

import io.lintas.tenant.InvalidTenantConfiguration;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import io.lintas.tenant.TenantsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * Applies an edited tenants file without a restart: new tenants start taking webhooks, removed
 * ones stop, changed mailboxes restart their consumers (through the registry's change listeners).
 * A file that no longer reads or checks is refused as a whole: the tenants in use stay, and the
 * problems are logged once per version of the file.
 */
public class TenantsReload {

    private static final Logger LOG = LoggerFactory.getLogger(TenantsReload.class);

    private final Resource file;
    private final String location;
    private final UnaryOperator<String> placeholders;
    private final TenantRegistry registry;
    private String lastSeen;

    /**
     * @param file         the tenants file
     * @param location     how the operator named it, for messages
     * @param placeholders resolves {@code ${...}} in the file (the environment)
     * @param registry     the tenants in use
     * @param loadedText   the text the registry was built from at start
     */
    public TenantsReload(Resource file, String location, UnaryOperator<String> placeholders, TenantRegistry registry,
            String loadedText) {
        this.file = file;
        this.location = location;
        this.placeholders = placeholders;
        this.registry = registry;
        this.lastSeen = loadedText;
    }

    /** Only a file on disk is edited under a running hub; a classpath resource ships with the build. */
    public boolean watchable() {
        return !location.startsWith("classpath") && file.isFile();
    }

    /**
     * Reads the file and applies it when its text changed.
     *
     * @return true when the registry now holds a new set of tenants
     */
    public synchronized boolean check() {
        if (!watchable()) {
            return false;
        }
        String text;
        try {
            text = file.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            LOG.warn("Tenants file {} cannot be read now ({}); the tenants in use stay", location, unreadable.toString());
            return false;
        }
        if (text.equals(lastSeen)) {
            return false;
        }
        lastSeen = text;
        List<Tenant> tenants;
        try {
            tenants = TenantsFile.parse(location, text, placeholders);
        } catch (InvalidTenantConfiguration invalid) {
            LOG.warn("{}\nThe edited file is not applied; the tenants in use stay until it is fixed.", invalid.getMessage());
            return false;
        }
        registry.replaceAll(tenants);
        LOG.info("Tenants file {} reloaded: {} tenant(s) {}", location, tenants.size(),
                tenants.stream().map(Tenant::id).toList());
        return true;
    }
}
