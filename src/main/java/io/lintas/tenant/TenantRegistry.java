package io.lintas.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tenants this deployment serves, by id. Two layers: the tenants file ({@link #put},
 * {@link #replaceAll}, {@link #remove}) and the tenants managed through the admin API
 * ({@link #replaceManaged}); an id in both is served from the file.
 */
public class TenantRegistry {

    /** Where a tenant's configuration comes from. */
    public enum Source { FILE, API }

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private volatile Map<String, Tenant> managed = Map.of();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public TenantRegistry(Collection<Tenant> initial) {
        initial.forEach(t -> tenants.put(t.id(), t));
    }

    public Optional<Tenant> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Tenant fromFile = tenants.get(id);
        return fromFile != null ? Optional.of(fromFile) : Optional.ofNullable(managed.get(id));
    }

    public List<Tenant> all() {
        Map<String, Tenant> all = new java.util.LinkedHashMap<>(managed);
        all.putAll(tenants);
        return List.copyOf(all.values());
    }

    /** Where the tenant in use with this id comes from, if there is one. */
    public Optional<Source> sourceOf(String id) {
        if (id != null && tenants.containsKey(id)) {
            return Optional.of(Source.FILE);
        }
        return id != null && managed.containsKey(id) ? Optional.of(Source.API) : Optional.empty();
    }

    /**
     * Makes {@code current} the whole set of API-managed tenants; change listeners run once, after it.
     * A managed tenant whose id is also in the file is kept but not served (the file wins).
     */
    public void replaceManaged(Collection<Tenant> current) {
        Map<String, Tenant> byId = new java.util.LinkedHashMap<>();
        current.forEach(t -> byId.put(t.id(), t));
        managed = Map.copyOf(byId);
        changed();
    }

    /** Adds or replaces a tenant; takes effect for the next request. Change listeners run after it. */
    public void put(Tenant tenant) {
        tenants.put(tenant.id(), tenant);
        changed();
    }

    /**
     * Makes {@code current} the whole set of tenants (a reloaded tenants file): new and changed ones
     * are put, the ones no longer there removed; change listeners run once, after all of it.
     */
    public void replaceAll(Collection<Tenant> current) {
        Map<String, Tenant> byId = new java.util.LinkedHashMap<>();
        current.forEach(t -> byId.put(t.id(), t));
        tenants.keySet().removeIf(id -> !byId.containsKey(id));
        tenants.putAll(byId);
        changed();
    }

    /** Removes a tenant; change listeners run after it. */
    public void remove(String id) {
        if (id != null && tenants.remove(id) != null) {
            changed();
        }
    }

    /**
     * Runs {@code listener} after every change (e.g. to start or stop a tenant's mailbox consumers),
     * on the thread that made the change.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
