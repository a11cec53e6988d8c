package io.lintas.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tenants this deployment serves, by id. */
public class TenantRegistry {

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    public TenantRegistry(Collection<Tenant> initial) {
        initial.forEach(t -> tenants.put(t.id(), t));
    }

    public Optional<Tenant> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tenants.get(id));
    }

    public List<Tenant> all() {
        return List.copyOf(tenants.values());
    }

    /** Adds or replaces a tenant; takes effect for the next request. */
    public void put(Tenant tenant) {
        tenants.put(tenant.id(), tenant);
    }
}
