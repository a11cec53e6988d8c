package io.lintas.flow;

import io.lintas.cluster.LeaseKeeper;
import io.lintas.lead.Redaction;
import io.lintas.tenant.MailboxConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one running route per enabled tenant mailbox, made from the {@code intake-email} route
 * template: on start and after every change of the {@link TenantRegistry}, routes of removed or
 * changed mailboxes stop (after their in-flight mail) and new or changed ones start. No redeploy.
 *
 * <p>With several hub instances each mailbox is polled by one of them: the holder of its lease
 * ({@code mailbox:<route id>}, see {@link LeaseKeeper}). A mailbox's route starts on the instance
 * that takes the lease and stops when it loses it; when that instance dies, another takes over.
 */
public class MailboxRoutes {

    public static final String TEMPLATE = "intake-email";
    private static final Logger LOG = LoggerFactory.getLogger(MailboxRoutes.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final CamelContext camel;
    private final TenantRegistry tenants;
    private final boolean enabled;
    private final LeaseKeeper keeper;
    private final Map<String, MailboxConfig> running = new HashMap<>();
    private final Map<String, Target> configured = new HashMap<>();
    private final Set<String> leased = new HashSet<>();
    private boolean started;

    /**
     * @param enabled false: no mailbox is polled (lintas.mail.enabled)
     * @param keeper  the leases that share the mailboxes among instances; null: this instance polls all
     */
    public MailboxRoutes(CamelContext camel, TenantRegistry tenants, boolean enabled, LeaseKeeper keeper) {
        this.camel = camel;
        this.tenants = tenants;
        this.enabled = enabled;
        this.keeper = keeper;
        tenants.onChange(this::reconcile);
    }

    /** One instance polling every mailbox. */
    public MailboxRoutes(CamelContext camel, TenantRegistry tenants, boolean enabled) {
        this(camel, tenants, enabled, null);
    }

    /** The lease of a mailbox's route. */
    public static String lease(String routeId) {
        return "mailbox:" + routeId;
    }

    /** Starts the consumers of the configured mailboxes; call once Camel has started (it may take a while). */
    public synchronized void start() {
        started = true;
        reconcile();
    }

    /** Stops every mailbox consumer (the application is shutting down, or mail intake is turned off). */
    public synchronized void stop() {
        started = false;
        for (String routeId : List.copyOf(running.keySet())) {
            remove(routeId);
        }
        if (keeper != null) {
            configured.keySet().forEach(routeId -> keeper.unwant(lease(routeId)));
        }
        configured.clear();
    }

    /** Route id of a mailbox's consumer. */
    public static String routeId(String tenant, String mailbox) {
        return TEMPLATE + "." + tenant + "." + mailbox;
    }

    /** The ids of the routes running now. */
    public synchronized List<String> runningRoutes() {
        return List.copyOf(running.keySet());
    }

    /** Makes the running routes match the configured mailboxes. */
    public synchronized void reconcile() {
        if (!started || !enabled) {
            return;
        }
        Map<String, Target> wanted = new LinkedHashMap<>();
        for (Tenant tenant : tenants.all()) {
            for (MailboxConfig mailbox : tenant.mailboxes()) {
                if (mailbox.enabled()) {
                    wanted.put(routeId(tenant.id(), mailbox.id()), new Target(tenant.id(), mailbox));
                }
            }
        }
        for (String routeId : List.copyOf(running.keySet())) {
            Target target = wanted.get(routeId);
            if (target == null || !target.mailbox().equals(running.get(routeId))) {
                remove(routeId);
            }
        }
        for (String routeId : List.copyOf(configured.keySet())) {
            if (!wanted.containsKey(routeId)) {
                configured.remove(routeId);
                if (keeper != null) {
                    keeper.unwant(lease(routeId));
                }
            }
        }
        configured.putAll(wanted);
        wanted.forEach((routeId, target) -> {
            if (camel.isStopping() || camel.isStopped()) {
                return;     // shutting down while the mailboxes were still being started: no new consumers
            }
            if (keeper != null) {
                keeper.wantBalanced(lease(routeId), new Lease(routeId));
                if (!leased.contains(routeId) && keeper.acquireNow(lease(routeId))) {
                    leased.add(routeId); // free: polled here from now on, without waiting for the next tick
                }
            }
            if ((keeper == null || leased.contains(routeId)) && !running.containsKey(routeId)) {
                add(routeId, target);
            }
        });
    }

    private synchronized void leaseAcquired(String routeId) {
        leased.add(routeId);
        Target target = configured.get(routeId);
        if (started && enabled && target != null && !running.containsKey(routeId) && !camel.isStopping()) {
            add(routeId, target);
        }
    }

    private synchronized void leaseLost(String routeId) {
        leased.remove(routeId);
        if (running.containsKey(routeId)) {
            if (camel.isStopping() || camel.isStopped()) {
                running.remove(routeId);
            } else {
                remove(routeId);
            }
        }
    }

    /** Starts and stops one mailbox's route as this instance gets and loses its lease. */
    private final class Lease implements LeaseKeeper.Listener {
        private final String routeId;

        Lease(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public void acquired(String lease) {
            leaseAcquired(routeId);
        }

        @Override
        public void lost(String lease) {
            leaseLost(routeId);
        }
    }

    private void add(String routeId, Target target) {
        MailboxConfig m = target.mailbox();
        try {
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, TEMPLATE)
                    .routeId(routeId)
                    .parameter("tenant", target.tenant())
                    .parameter("mailbox", m.id())
                    .parameter("scheme", m.tls() ? "imaps" : "imap")
                    .parameter("host", m.host())
                    .parameter("port", Integer.toString(m.port()))
                    .parameter("username", raw(m.username()))
                    .parameter("password", raw(m.password()))
                    .parameter("folder", raw(m.folder()))
                    .parameter("delay", Long.toString(m.pollDelay().toMillis()));
            if (m.moveTo() != null) {
                builder.parameter("moveTo", raw(m.moveTo()));
            }
            builder.add();
            running.put(routeId, m);
            LOG.info("mailbox {} of tenant {} polled every {} on {}:{}", m.id(), target.tenant(), m.pollDelay(), m.host(), m.port());
        } catch (Exception e) {
            LOG.error("mailbox {} of tenant {} could not be started: {}", m.id(), target.tenant(),
                    Redaction.mask(String.valueOf(e.getMessage())));
            try {
                camel.removeRoute(routeId);
            } catch (Exception ignored) {
                // it was never added
            }
        }
    }

    private void remove(String routeId) {
        running.remove(routeId);
        try {
            camel.getRouteController().stopRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
            LOG.info("mailbox route {} stopped", routeId);
        } catch (Exception e) {
            LOG.error("mailbox route {} could not be stopped: {}", routeId, Redaction.mask(String.valueOf(e.getMessage())));
        }
    }

    /** Endpoint option values taken literally: a password may hold &amp;, + or %. */
    private static String raw(String value) {
        return value.contains(")") && !value.contains("}") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }

    private record Target(String tenant, MailboxConfig mailbox) {
    }
}
