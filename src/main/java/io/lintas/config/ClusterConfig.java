package io.lintas.config;

import io.lintas.cluster.LeaseKeeper;
import io.lintas.cluster.SqlLeases;
import io.lintas.connector.bitrix24.LeakyBucketRateLimiter;
import io.lintas.connector.bitrix24.PortalRateLimiter;
import io.lintas.connector.bitrix24.SqlRateLimiter;
import io.lintas.flow.LeaderRoutePolicy;
import io.lintas.routing.InMemoryRoundRobinPositions;
import io.lintas.routing.RoundRobinPositions;
import io.lintas.routing.SqlRoundRobinPositions;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several identical instances on one broker and one database: what they share. Leases give each
 * mailbox and each scheduled route to one instance at a time ({@code lintas.cluster.*}); the Bitrix24
 * rate limit and the round-robin rotations live in the database ({@code lintas.cluster.shared-state},
 * default true; false keeps them in memory, for one instance only).
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfig {

    @Bean
    SqlLeases sqlLeases(JdbcTemplate jdbc) {
        return new SqlLeases(jdbc);
    }

    /** Released on shutdown (after Camel has stopped its routes), so another instance takes over at once. */
    @Bean(destroyMethod = "close")
    LeaseKeeper leaseKeeper(SqlLeases leases, Clock clock,
            @Value("${lintas.cluster.instance-id:}") String instanceId,
            @Value("${lintas.cluster.lease-ttl:15s}") Duration ttl) {
        return new LeaseKeeper(leases, instanceId.isBlank() ? defaultInstanceId() : instanceId, ttl, clock);
    }

    /** The keeper starts competing once Camel runs, so a lease taken can start its route at once. */
    @Bean
    CamelContextConfiguration leaseKeeperStarter(LeaseKeeper leaseKeeper,
            @Value("${lintas.cluster.renew-every:5s}") Duration renewEvery) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // routes are not started yet
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                leaseKeeper.start(renewEvery);
            }
        };
    }

    /** Route policy {@code #leaderOnly}: the route runs on one instance at a time (billing-due). */
    @Bean
    LeaderRoutePolicy leaderOnly(LeaseKeeper leaseKeeper) {
        return new LeaderRoutePolicy(leaseKeeper);
    }

    /** Every flow that calls a portal, on every instance, shares this one limiter. */
    @Bean
    PortalRateLimiter bitrix24RateLimiter(JdbcTemplate jdbc, Clock clock,
            @Value("${lintas.cluster.shared-state:true}") boolean shared) {
        return shared ? new SqlRateLimiter(jdbc, clock) : new LeakyBucketRateLimiter(clock);
    }

    @Bean
    RoundRobinPositions roundRobinPositions(JdbcTemplate jdbc, @Value("${lintas.cluster.shared-state:true}") boolean shared) {
        return shared ? new SqlRoundRobinPositions(jdbc) : new InMemoryRoundRobinPositions();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "lintas";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
