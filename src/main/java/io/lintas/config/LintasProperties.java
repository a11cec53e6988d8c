package io.lintas.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code lintas.*} keys the Java wiring reads; see the comments in application.yaml. Keys
 * only routes use ({@code lintas.pipeline.*}) and paths ({@code lintas.data-dir}) are read there.
 */
@ConfigurationProperties("lintas")
public record LintasProperties(
        Tenants tenants,
        Intake intake,
        Redelivery redelivery,
        Admin admin) {

    public record Tenants(String file) {
    }

    public record Intake(long maxBodyBytes) {
    }

    public record Redelivery(int maximumRedeliveries, long initialDelay, double multiplier, long maximumDelay) {
    }

    public record Admin(String username, String password, String viewerUsername, String viewerPassword) {
        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=******, viewerUsername=" + viewerUsername + "]";
        }
    }
}
