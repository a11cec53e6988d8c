package io.lintas.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code lintas.*} keys of application.yaml; see the comments there. */
@ConfigurationProperties("lintas")
public record LintasProperties(
        String dataDir,
        Tenants tenants,
        Intake intake,
        Pipeline pipeline,
        Redelivery redelivery,
        Admin admin) {

    public record Tenants(String file) {
    }

    public record Intake(long maxBodyBytes) {
    }

    public record Pipeline(int consumers) {
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
