package io.lintas.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lintas.tenant.InvalidTenantConfiguration;
import io.lintas.tenant.SecretCipher;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantDocument;
import io.lintas.tenant.TenantRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tenants added and changed through the admin API, kept in the SQL database (table
 * managed_tenant) so they survive restarts and every hub instance serves them: each instance
 * reads the table at start and again on the tenants reload interval ({@link #refresh}).
 *
 * <p>The rule with the tenants file: an id belongs to one of them. The API refuses (409) to
 * create or change a tenant the file defines; should a file edit later add an id the database
 * already has, the file's tenant is served and the database's is reported as shadowed.
 */
public class ManagedTenants {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedTenants.class);
    private static final String SOURCE = "the database (table managed_tenant)";

    private final JdbcTemplate jdbc;
    private final TenantRegistry registry;
    private final SecretCipher cipher;
    private final Function<String, Optional<ObjectNode>> fileDocuments;
    private final ObjectMapper json;
    private final Clock clock;

    /** What this instance serves from the table: id → (version, tenant). */
    private final Map<String, Loaded> loaded = new HashMap<>();
    /** Versions that did not load, so each is logged once. */
    private final Map<String, Integer> refused = new HashMap<>();

    private record Loaded(int version, Tenant tenant) {
    }

    /** A refused request: HTTP status, one-line reason and, for 422, every problem. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final List<String> problems;

        Refused(int status, String reason, List<String> problems) {
            super(reason);
            this.status = status;
            this.problems = List.copyOf(problems);
        }

        public int status() {
            return status;
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** A tenant as the API shows it: secrets masked. */
    public record View(String id, String source, boolean served, Integer version, String createdAt, String createdBy,
            String updatedAt, String updatedBy, JsonNode tenant) {
    }

    /**
     * @param cipher        null when LINTAS_SECRETS_KEY is not set: tenants without secrets only
     * @param fileDocuments a file tenant's YAML as a tree, by id (for showing it)
     */
    public ManagedTenants(JdbcTemplate jdbc, TenantRegistry registry, SecretCipher cipher,
            Function<String, Optional<ObjectNode>> fileDocuments, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.cipher = cipher;
        this.fileDocuments = fileDocuments;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Loads the table at start. A stored tenant that no longer loads (a secret the key does not
     * open, a check that fails) stops the start, naming the tenant.
     */
    public synchronized void start() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> versions = versions();
        for (Map.Entry<String, Integer> row : versions.entrySet()) {
            try {
                loaded.put(row.getKey(), new Loaded(row.getValue(), load(row.getKey()).tenant()));
            } catch (InvalidTenantConfiguration invalid) {
                problems.addAll(invalid.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTenantConfiguration(SOURCE, problems);
        }
        publish();
        if (!loaded.isEmpty()) {
            LOG.info("Tenants managed through the admin API: {}", loaded.keySet());
        }
    }

    /**
     * Applies what other instances (or this one) changed in the table since the last look.
     *
     * @return true when the served tenants changed
     */
    public synchronized boolean refresh() {
        Map<String, Integer> versions = versions();
        boolean changed = loaded.keySet().removeIf(id -> !versions.containsKey(id));
        for (Map.Entry<String, Integer> row : versions.entrySet()) {
            String id = row.getKey();
            int version = row.getValue();
            Loaded current = loaded.get(id);
            if ((current != null && current.version() == version) || Integer.valueOf(version).equals(refused.get(id))) {
                continue;
            }
            try {
                loaded.put(id, new Loaded(version, load(id).tenant()));
                refused.remove(id);
                changed = true;
            } catch (InvalidTenantConfiguration invalid) {
                refused.put(id, version);
                LOG.warn("{}\nVersion {} of tenant '{}' is not applied; {}.", invalid.getMessage(), version, id,
                        current == null ? "it is not served" : "version " + current.version() + " stays in use");
            }
        }
        if (changed) {
            publish();
            LOG.info("Tenants managed through the admin API reloaded: {}", loaded.keySet());
        }
        return changed;
    }

    /** Every tenant: the file's and the API's (shadowed API tenants included, marked not served). */
    public synchronized List<View> list() {
        List<View> views = new ArrayList<>();
        for (Tenant tenant : registry.all()) {
            if (registry.sourceOf(tenant.id()).orElse(null) == TenantRegistry.Source.FILE) {
                views.add(fileView(tenant.id()));
            }
        }
        for (String id : versions().keySet()) {
            find(id).filter(v -> "api".equals(v.source())).ifPresent(views::add);
        }
        views.sort(java.util.Comparator.comparing(View::id));
        return views;
    }

    public synchronized Optional<View> find(String id) {
        Optional<Row> row = row(id);
        if (row.isPresent()) {
            Row r = row.get();
            boolean served = registry.sourceOf(id).orElse(null) == TenantRegistry.Source.API;
            return Optional.of(new View(id, "api", served, r.version(), r.createdAt(), r.createdBy(), r.updatedAt(),
                    r.updatedBy(), TenantDocument.masked(r.config())));
        }
        if (registry.sourceOf(id).orElse(null) == TenantRegistry.Source.FILE) {
            return Optional.of(fileView(id));
        }
        return Optional.empty();
    }

    /** Adds a tenant; it is served from the next request on (here) and the next reload (elsewhere). */
    public synchronized View create(JsonNode body, String actor) {
        ObjectNode document = object(body);
        JsonNode idNode = document.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        if (id == null || !TenantDocument.ID.matcher(id).matches()) {
            throw new Refused(422, "invalid tenant", List.of("id must be 1 to 40 lower-case letters, digits and dashes (got "
                    + (idNode == null ? "none" : idNode.toString()) + ")"));
        }
        refuseFileTenant(id);
        if (row(id).isPresent()) {
            throw new Refused(409, "tenant '" + id + "' exists; change it with PUT /api/tenants/" + id, List.of());
        }
        refuseMasks(TenantDocument.keepSecrets(document, null));
        Tenant tenant = check(document, id);
        ObjectNode stored = encrypt(document, id);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update("INSERT INTO managed_tenant (id, config, version, created_at, created_by, updated_at, updated_by)"
                    + " VALUES (?, ?, 1, ?, ?, ?, ?)", id, stored.toString(), now, actor, now, actor);
        } catch (DuplicateKeyException raced) {
            throw new Refused(409, "tenant '" + id + "' was just created by another request", List.of());
        }
        serve(id, 1, tenant);
        LOG.info("Tenant '{}' created through the admin API by {}", id, actor);
        return find(id).orElseThrow();
    }

    /**
     * Changes a tenant: the body is the whole tenant; a secret it leaves out (or sends as "***")
     * keeps its stored value.
     */
    public synchronized View update(String id, JsonNode body, String actor) {
        refuseFileTenant(id);
        Row row = row(id).orElseThrow(() -> new Refused(404, "no tenant '" + id + "' managed through the API;"
                + " create it with POST /api/tenants", List.of()));
        ObjectNode document = object(body);
        JsonNode idNode = document.get("id");
        if (idNode == null) {
            document.set("id", TextNode.valueOf(id));
        } else if (!id.equals(idNode.asText())) {
            throw new Refused(422, "invalid tenant", List.of("id in the body (" + idNode + ") differs from the id in the path ("
                    + id + "); a tenant's id cannot change"));
        }
        ObjectNode storedPlain;
        try {
            storedPlain = TenantDocument.decrypted(row.config(), id, cipher, SOURCE);
        } catch (InvalidTenantConfiguration unreadable) {
            throw new Refused(409, "the stored secrets of tenant '" + id + "' cannot be read, so they cannot be kept;"
                    + " send every secret", unreadable.problems());
        }
        refuseMasks(TenantDocument.keepSecrets(document, storedPlain));
        Tenant tenant = check(document, id);
        ObjectNode stored = encrypt(document, id);
        int updated = jdbc.update("UPDATE managed_tenant SET config = ?, version = version + 1, updated_at = ?, updated_by = ?"
                + " WHERE id = ? AND version = ?", stored.toString(), Timestamp.from(clock.instant()), actor, id, row.version());
        if (updated == 0) {
            throw new Refused(409, "tenant '" + id + "' was changed by another request meanwhile; read it again", List.of());
        }
        serve(id, row.version() + 1, tenant);
        LOG.info("Tenant '{}' changed through the admin API by {} (version {})", id, actor, row.version() + 1);
        return find(id).orElseThrow();
    }

    private void serve(String id, int version, Tenant tenant) {
        loaded.put(id, new Loaded(version, tenant));
        refused.remove(id);
        publish();
    }

    private void publish() {
        List<Tenant> tenants = new ArrayList<>();
        for (Map.Entry<String, Loaded> entry : loaded.entrySet()) {
            if (registry.sourceOf(entry.getKey()).orElse(null) == TenantRegistry.Source.FILE) {
                LOG.warn("Tenant '{}' is in the tenants file and in the database (managed through the admin API):"
                        + " the file's is served", entry.getKey());
            }
            tenants.add(entry.getValue().tenant());
        }
        registry.replaceManaged(tenants);
    }

    private Loaded load(String id) {
        Row row = row(id).orElseThrow();
        ObjectNode plain = TenantDocument.decrypted(row.config(), id, cipher, SOURCE);
        return new Loaded(row.version(), TenantDocument.check(plain, SOURCE + ", tenant '" + id + "'"));
    }

    private void refuseFileTenant(String id) {
        if (registry.sourceOf(id).orElse(null) == TenantRegistry.Source.FILE) {
            throw new Refused(409, "tenant '" + id + "' is defined in the tenants file; change it there"
                    + " (the admin API manages only the tenants it created)", List.of());
        }
    }

    private static void refuseMasks(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Refused(422, "invalid tenant", problems);
        }
    }

    private static Tenant check(ObjectNode document, String id) {
        try {
            return TenantDocument.check(document, "tenant '" + id + "'");
        } catch (InvalidTenantConfiguration invalid) {
            throw new Refused(422, "invalid tenant", invalid.problems());
        }
    }

    private ObjectNode encrypt(ObjectNode document, String id) {
        try {
            return TenantDocument.encrypted(document, id, cipher);
        } catch (TenantDocument.NoSecretsKey noKey) {
            throw new Refused(422, noKey.getMessage(), List.of(noKey.getMessage()));
        }
    }

    private static ObjectNode object(JsonNode body) {
        if (!(body instanceof ObjectNode document)) {
            throw new Refused(422, "invalid tenant", List.of("the body must be one tenant as a JSON object (the tenants.yaml shape)"));
        }
        return document.deepCopy();
    }

    private View fileView(String id) {
        JsonNode document = fileDocuments.apply(id).<JsonNode>map(TenantDocument::masked).orElse(null);
        return new View(id, "file", true, null, null, null, null, null, document);
    }

    private record Row(String id, ObjectNode config, int version, String createdAt, String createdBy, String updatedAt,
            String updatedBy) {
    }

    private Map<String, Integer> versions() {
        Map<String, Integer> versions = new LinkedHashMap<>();
        jdbc.query("SELECT id, version FROM managed_tenant ORDER BY id", rs -> {
            versions.put(rs.getString("id"), rs.getInt("version"));
        });
        return versions;
    }

    private Optional<Row> row(String id) {
        return jdbc.query("SELECT * FROM managed_tenant WHERE id = ?", (rs, n) -> new Row(rs.getString("id"),
                parse(rs.getString("config")), rs.getInt("version"), instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"), instant(rs.getTimestamp("updated_at")), rs.getString("updated_by")), id)
                .stream().findFirst();
    }

    private ObjectNode parse(String config) {
        try {
            return (ObjectNode) json.readTree(config);
        } catch (Exception e) {
            throw new IllegalStateException("managed_tenant.config is not a JSON object", e);
        }
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : Instant.ofEpochMilli(timestamp.getTime()).toString();
    }
}
