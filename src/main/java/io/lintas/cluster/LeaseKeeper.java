package io.lintas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's leases: every {@code renewEvery} it renews the leases it holds and tries to
 * take the wanted ones that are free, and tells each lease's listener when it got or lost it. A lease
 * whose renewal could not be confirmed (database unreachable) counts as lost once its time is up, so
 * two instances never both think they hold one. On {@link #close()} every lease is released, and
 * another instance takes the work over at its next tick.
 *
 * <p>Leases wanted as <em>balanced</em> (one per mailbox: there may be thousands) are shared out:
 * every instance keeps a heartbeat lease ({@code instance:<id>}), and one holding more than its fair
 * share (balanced leases / live instances, rounded up) stops the extra ones first and then releases
 * them, so an instance that joins gets its part and two never poll one mailbox at once.
 *
 * <p>Listeners are called one at a time, in order, on a thread of their own: a slow one (stopping a
 * route) never delays the renewals.
 */
public class LeaseKeeper implements AutoCloseable {

    /** What to do when this instance gets or loses a lease. */
    public interface Listener {
        void acquired(String lease);

        void lost(String lease);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    /** Prefix of the heartbeat lease every running instance holds. */
    public static final String HEARTBEAT = "instance:";

    private final SqlLeases leases;
    private final String instanceId;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Listener> wanted = new LinkedHashMap<>();
    private final Set<String> held = new HashSet<>();
    private final Set<String> balanced = new HashSet<>();
    private final Set<String> handingOver = new HashSet<>();
    private int instances = 1;
    private Instant heldUntil = Instant.MIN;
    private final ExecutorService notifier;
    private ScheduledExecutorService ticker;
    private boolean closed;

    public LeaseKeeper(SqlLeases leases, String instanceId, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time");
        }
        this.leases = leases;
        this.instanceId = instanceId;
        this.ttl = ttl;
        this.clock = clock;
        this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "lintas-lease-listener"));
    }

    /** This instance's id, as written in the leases it holds. */
    public String instanceId() {
        return instanceId;
    }

    /** From now on this instance competes for {@code lease}; {@code listener} hears when it gets or loses it. */
    public synchronized void want(String lease, Listener listener) {
        wanted.put(lease, listener);
    }

    /** Like {@link #want}, for one of many alike leases shared out evenly among the live instances. */
    public synchronized void wantBalanced(String lease, Listener listener) {
        wanted.put(lease, listener);
        balanced.add(lease);
    }

    /** Live instances as of the last tick (their heartbeat leases), at least this one. */
    public synchronized int instances() {
        return instances;
    }

    /**
     * Tries to take {@code lease} now, without waiting for the next tick (a mailbox just configured
     * starts at once). The caller acts on the answer itself: the listener hears only of later changes.
     *
     * @return true when this instance holds it now
     */
    public synchronized boolean acquireNow(String lease) {
        if (closed || !wanted.containsKey(lease)) {
            return false;
        }
        if (held.contains(lease)) {
            return true;
        }
        if (balanced.contains(lease) && heldBalanced() >= fairShare()) {
            return false;
        }
        Instant now = clock.instant();
        try {
            if (leases.tryAcquire(lease, instanceId, now, ttl)) {
                if (held.isEmpty()) {
                    heldUntil = now.plus(ttl);
                }
                held.add(lease);
                LOG.info("instance {} took lease {}", instanceId, lease);
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("lease {} could not be taken: {}", lease, e.getMessage());
        }
        return false;
    }

    /** This instance no longer wants {@code lease}: released if held (its listener hears {@code lost}). */
    public synchronized void unwant(String lease) {
        balanced.remove(lease);
        Listener listener = wanted.remove(lease);
        if (held.remove(lease)) {
            try {
                leases.release(lease, instanceId);
            } catch (RuntimeException e) {
                LOG.warn("lease {} could not be released, it expires by itself: {}", lease, e.getMessage());
            }
            notify(listener, lease, false);
        }
    }

    /** Whether this instance holds {@code lease} now (as of its last tick). */
    public synchronized boolean holds(String lease) {
        return held.contains(lease) && clock.instant().isBefore(heldUntil);
    }

    /** The leases held now. */
    public synchronized Set<String> held() {
        return Set.copyOf(held);
    }

    /** Starts ticking every {@code renewEvery} (first tick at once); renewEvery should be well under the ttl. */
    public synchronized void start(Duration renewEvery) {
        if (ticker != null || closed) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lintas-lease-keeper"));
        ticker.scheduleWithFixedDelay(this::safeTick, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: renew what is held, drop what was lost, take what is wanted and free. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Set<String> confirmed;
        try {
            confirmed = leases.renewAll(instanceId, now, ttl);
            heldUntil = now.plus(ttl);
        } catch (RuntimeException e) {
            LOG.warn("leases could not be renewed: {}", e.getMessage());
            if (!now.isBefore(heldUntil)) {
                loseAll();
            }
            return;
        }
        for (String lease : Set.copyOf(held)) {
            if (!confirmed.contains(lease) || !wanted.containsKey(lease)) {
                held.remove(lease);
                if (confirmed.contains(lease)) {
                    leases.release(lease, instanceId);
                }
                notify(wanted.get(lease), lease, false);
            }
        }
        for (String lease : confirmed) {
            if (!held.contains(lease) && wanted.containsKey(lease) && !handingOver.contains(lease)) {
                held.add(lease); // ours from before a restart with the same instance id
                notify(wanted.get(lease), lease, true);
            }
        }
        try {
            leases.tryAcquire(HEARTBEAT + instanceId, instanceId, now, ttl);
            instances = Math.max(1, leases.count(HEARTBEAT, now));
        } catch (RuntimeException e) {
            LOG.warn("heartbeat not written: {}", e.getMessage());
        }
        handOverExtra();
        Set<String> candidates = new HashSet<>(wanted.keySet());
        candidates.removeAll(held);
        candidates.removeAll(handingOver);
        if (candidates.isEmpty()) {
            return;
        }
        try {
            int share = fairShare();
            for (String lease : leases.free(candidates, now)) {
                if (balanced.contains(lease) && heldBalanced() >= share) {
                    continue; // another instance's part
                }
                if (leases.tryAcquire(lease, instanceId, now, ttl)) {
                    held.add(lease);
                    LOG.info("instance {} took lease {}", instanceId, lease);
                    notify(wanted.get(lease), lease, true);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("free leases could not be taken: {}", e.getMessage());
        }
    }

    /** Balanced leases above the fair share: stopped here first, released after, for another instance to take. */
    private void handOverExtra() {
        int extra = heldBalanced() - fairShare();
        if (extra <= 0) {
            return;
        }
        List<String> mine = held.stream().filter(balanced::contains).sorted().toList();
        for (String lease : mine.subList(mine.size() - extra, mine.size())) {
            held.remove(lease);
            handingOver.add(lease);
            Listener listener = wanted.get(lease);
            LOG.info("instance {} hands lease {} over ({} instances)", instanceId, lease, instances);
            notifier.execute(() -> {
                try {
                    listener.lost(lease);
                } catch (RuntimeException e) {
                    LOG.error("lease {} listener failed: {}", lease, e.getMessage());
                }
                synchronized (this) {
                    try {
                        leases.release(lease, instanceId);
                    } catch (RuntimeException e) {
                        LOG.warn("lease {} could not be released, it expires by itself: {}", lease, e.getMessage());
                    }
                    handingOver.remove(lease);
                }
            });
        }
    }

    private int fairShare() {
        long wantedBalanced = wanted.keySet().stream().filter(balanced::contains).count();
        return (int) ((wantedBalanced + instances - 1) / instances);
    }

    private int heldBalanced() {
        return (int) held.stream().filter(balanced::contains).count();
    }

    /** Stops ticking and releases every lease held (their listeners hear {@code lost}), so others take over at once. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = ticker;
        }
        if (t != null) {
            t.shutdownNow();
        }
        synchronized (this) {
            loseAll();
            try {
                leases.releaseAll(instanceId);
            } catch (RuntimeException e) {
                LOG.warn("leases could not be released, they expire by themselves: {}", e.getMessage());
            }
        }
        notifier.shutdown();
        try {
            notifier.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("lease tick failed: {}", e.getMessage());
        }
    }

    private void loseAll() {
        for (String lease : Set.copyOf(held)) {
            held.remove(lease);
            notify(wanted.get(lease), lease, false);
        }
    }

    private void notify(Listener listener, String lease, boolean acquired) {
        if (listener == null) {
            return;
        }
        notifier.execute(() -> {
            try {
                if (acquired) {
                    listener.acquired(lease);
                } else {
                    listener.lost(lease);
                }
            } catch (RuntimeException e) {
                LOG.error("lease {} listener failed: {}", lease, e.getMessage());
            }
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
