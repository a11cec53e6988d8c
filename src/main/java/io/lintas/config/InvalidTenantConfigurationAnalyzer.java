package io.lintas.config;

import io.lintas.tenant.InvalidTenantConfiguration;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid tenant configuration at start into Spring Boot's "APPLICATION FAILED TO
 * START" report: every problem on its own line (tenant, key, what is wrong) and what to do,
 * instead of a stack trace.
 */
public class InvalidTenantConfigurationAnalyzer extends AbstractFailureAnalyzer<InvalidTenantConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTenantConfiguration cause) {
        String action = "Fix the tenant configuration and start again. The tenants file is lintas.tenants.file"
                + " (LINTAS_TENANTS_FILE); secrets written as ${VARIABLE} placeholders come from the environment."
                + " Tenants managed through the admin API (table managed_tenant) need LINTAS_SECRETS_KEY to be the"
                + " key they were stored with.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
