package io.lintas.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tenants this deployment serves, by id. */
public class TenantRegistry {

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public TenantRegistry(Collection<Tenant> initial) {
        initial.forEach(t -> tenants.put(t.id(), t));
    }

    public Optional<Tenant> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tenants.get(id));
    }

    public List<Tenant> all() {
        return List.copyOf(tenants.values());
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
