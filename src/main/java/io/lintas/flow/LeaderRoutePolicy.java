package io.lintas.flow;

import io.lintas.cluster.LeaseKeeper;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a route on one instance at a time (route {@code routePolicy: "#leaderOnly"}): a scheduled job
 * such as the billing reminders. The route does not start with Camel; it starts on the instance that
 * takes its lease ({@code route:<route id>}) and stops there when the lease is lost, so another
 * instance takes it over when the holder dies or stops. A route configured not to start
 * ({@code autoStartup: false}) is left alone.
 */
public class LeaderRoutePolicy extends RoutePolicySupport {

    public static final String LEASE_PREFIX = "route:";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderRoutePolicy.class);

    private final LeaseKeeper keeper;

    public LeaderRoutePolicy(LeaseKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        if (!route.isAutoStartup()) {
            return;
        }
        route.setAutoStartup(false);
        String routeId = route.getRouteId();
        CamelContext camel = route.getCamelContext();
        keeper.want(LEASE_PREFIX + routeId, new LeaseKeeper.Listener() {
            @Override
            public void acquired(String lease) {
                if (camel.isStopping() || camel.isStopped()) {
                    return;
                }
                try {
                    camel.getRouteController().startRoute(routeId);
                    LOG.info("route {} runs on this instance ({})", routeId, keeper.instanceId());
                } catch (Exception e) {
                    LOG.error("route {} could not be started: {}", routeId, e.getMessage());
                }
            }

            @Override
            public void lost(String lease) {
                if (camel.isStopping() || camel.isStopped()) {
                    return;
                }
                try {
                    camel.getRouteController().stopRoute(routeId);
                    LOG.info("route {} stopped on this instance ({}): lease lost", routeId, keeper.instanceId());
                } catch (Exception e) {
                    LOG.error("route {} could not be stopped: {}", routeId, e.getMessage());
                }
            }
        });
    }

    @Override
    public void onRemove(Route route) {
        keeper.unwant(LEASE_PREFIX + route.getRouteId());
        super.onRemove(route);
    }
}
