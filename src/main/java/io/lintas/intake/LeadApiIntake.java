package io.lintas.intake;

import io.lintas.intake.LeadDocumentReader.LeadDocument;
import io.lintas.lead.Channel;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.tenant.ApiConfig;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The lead API's intake, shared by its two channels: {@code POST /api/leads} (each tenant with its
 * own API keys) and the Kafka topic (a trusted internal channel; the tenant must exist and allow it).
 * Both take the same JSON (schema/lead-in-v1.schema.json) and make the same envelope: channel API,
 * source {@value #SOURCE}, the document's {@code externalId} as the idempotency key.
 */
public class LeadApiIntake {

    /** The source of every lead that came through the lead API, over HTTP or Kafka. */
    public static final String SOURCE = "api";
    /** The header naming the tenant on {@code POST /api/leads}. */
    public static final String TENANT_HEADER = "X-Lintas-Tenant";
    /** The endpoint recorded for leads that came over HTTP. */
    static final String HTTP_ENDPOINT = "http";

    private static final String BEARER = "bearer ";

    private final TenantRegistry tenants;
    private final LeadDocumentReader reader;
    private final LeadNormalizer normalizer;
    private final Clock clock;
    private final Supplier<String> ids;

    public LeadApiIntake(TenantRegistry tenants, LeadDocumentReader reader, LeadNormalizer normalizer, Clock clock,
            Supplier<String> ids) {
        this.tenants = tenants;
        this.reader = reader;
        this.normalizer = normalizer;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * {@code POST /api/leads}: tenant in {@value #TENANT_HEADER}, key in {@code Authorization: Bearer}.
     * Checked in this order, so a caller without a valid key learns nothing about the body rules.
     *
     * @throws IntakeRejected 404 unknown tenant or no API for it, 401 missing or wrong key, 415 not
     *                        JSON, 400 unparseable, 422 schema violation, tenant mismatch or no contact
     */
    public IntakeDecision http(InboundRequest request) {
        String tenantId = request.header(TENANT_HEADER);
        if (tenantId == null || tenantId.isBlank()) {
            throw IntakeRejected.notFound("no tenant named: send the tenant id in the " + TENANT_HEADER + " header");
        }
        Tenant tenant = tenants.find(tenantId.strip()).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        ApiConfig api = tenant.api();
        if (api == null || !api.takesHttp()) {
            throw IntakeRejected.notFound("the lead API is not enabled for this tenant");
        }
        String key = bearer(request.header("Authorization"));
        if (key == null) {
            throw IntakeRejected.unauthorized("missing API key: send Authorization: Bearer <key>");
        }
        if (!api.acceptsKey(key)) {
            throw IntakeRejected.unauthorized("invalid API key for this tenant");
        }
        if (!isJson(request.mediaType())) {
            throw IntakeRejected.unsupportedType("Content-Type must be application/json (got "
                    + (request.mediaType().isEmpty() ? "none" : request.mediaType()) + ")");
        }
        LeadDocument document = reader.read(request.body());
        if (document.tenant() != null && !document.tenant().equals(tenant.id())) {
            throw IntakeRejected.unprocessable("tenant in the body differs from the " + TENANT_HEADER + " header");
        }
        return accept(tenant, document, HTTP_ENDPOINT, request.body());
    }

    /**
     * A record from the Kafka topic. The tenant comes from the record header or the document's
     * {@code tenant} field (both given: they must agree), and must have {@code api.kafka: true}.
     *
     * @param topic        the topic the record came from (recorded as the endpoint)
     * @param headerTenant the record's tenant header, or null
     * @param value        the record's value, exactly as it came
     * @throws IntakeRejected with the reason the record goes to the dead-letter topic
     */
    public IntakeDecision kafka(String topic, String headerTenant, byte[] value) {
        LeadDocument document = reader.read(value);
        String named = headerTenant == null || headerTenant.isBlank() ? null : headerTenant.strip();
        if (named != null && document.tenant() != null && !named.equals(document.tenant())) {
            throw IntakeRejected.unprocessable("tenant header and tenant field disagree");
        }
        String tenantId = named != null ? named : document.tenant();
        if (tenantId == null) {
            throw IntakeRejected.unprocessable("no tenant: set the record header lintas-tenant or the tenant field");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        if (tenant.api() == null || !tenant.api().kafka()) {
            throw IntakeRejected.unauthorized("tenant does not take leads from Kafka (api.kafka is not true)");
        }
        return accept(tenant, document, "kafka:" + topic, value);
    }

    private IntakeDecision accept(Tenant tenant, LeadDocument document, String endpoint, byte[] payload) {
        String id = ids.get();
        Instant now = clock.instant();
        LeadOrigin origin = new LeadOrigin(id, tenant.id(), Channel.API, SOURCE, document.externalId(), now, null);
        Lead lead = normalizer.normalize(origin, document.raw(), tenant.region());
        if (!lead.canBeContacted()) {
            throw IntakeRejected.unprocessable(
                    "no valid phone, no valid email and no message: nothing to contact the lead by");
        }
        IntakeEnvelope envelope = new IntakeEnvelope(id, tenant.id(), Channel.API, SOURCE, endpoint,
                document.externalId(), now, document.raw(), null, "application/json", payload, List.of(), null, null);
        return new IntakeDecision(envelope, 202, "application/json",
                "{\"leadId\":\"" + id + "\",\"status\":\"accepted\"}", FormIntake.group(lead));
    }

    /** The key of an {@code Authorization: Bearer <key>} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String key = authorization.substring(BEARER.length()).strip();
        return key.isEmpty() ? null : key;
    }

    /** application/json, or any application/*+json. */
    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
