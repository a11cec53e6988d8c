package io.lintas.intake;

import io.lintas.lead.Channel;
import io.lintas.lead.ContactKeys;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Web-form intake: finds the tenant and form, lets the form's parser verify and read the
 * request, checks there is someone to contact, and says what to queue and how to answer.
 */
public class FormIntake {

    private final TenantRegistry tenants;
    private final FormParsers parsers;
    private final LeadNormalizer normalizer;
    private final Clock clock;
    private final Supplier<String> ids;

    public FormIntake(TenantRegistry tenants, FormParsers parsers, LeadNormalizer normalizer, Clock clock,
            Supplier<String> ids) {
        this.tenants = tenants;
        this.parsers = parsers;
        this.normalizer = normalizer;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws IntakeRejected 404 for an unknown tenant or form, or whatever the parser refuses
     */
    public IntakeDecision receive(String tenantId, String formId, InboundRequest request) {
        Tenant tenant = tenants.find(tenantId)
                .orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        FormConfig form = tenant.form(formId)
                .orElseThrow(() -> IntakeRejected.notFound("unknown form"));
        ParsedSubmission submission = parsers.forKind(form.kind()).parse(request, form);
        if (submission.kind() == ParsedSubmission.Kind.PROBE) {
            return new IntakeDecision(null, 200, "text/plain", "ok", null);
        }
        String id = ids.get();
        Instant now = clock.instant();
        String source = form.kind().name().toLowerCase(Locale.ROOT);
        boolean spam = submission.kind() == ParsedSubmission.Kind.SPAM;
        LeadOrigin origin = new LeadOrigin(id, tenant.id(), Channel.FORM, source, submission.sourceEventId(), now, null);
        Lead lead = normalizer.normalize(origin, submission.lead(), tenant.region());
        if (!spam && !lead.canBeContacted()) {
            throw IntakeRejected.unprocessable(
                    "no valid phone, no valid email and no message: nothing to contact the lead by");
        }
        IntakeEnvelope envelope = new IntakeEnvelope(id, tenant.id(), Channel.FORM, source, form.id(),
                submission.sourceEventId(), now, submission.lead(), spam ? submission.spamReason() : null,
                request.contentType(), request.body(), List.of(), null, null);
        return reply(form.kind(), request, envelope, group(lead));
    }

    /**
     * Leads that could be one person share a group: the tenant and a hash of the primary phone,
     * else email (a hash, so no personal data shows in the broker's console).
     */
    static String group(Lead lead) {
        List<String> keys = ContactKeys.of(lead.contact());
        if (keys.isEmpty()) {
            return lead.tenant();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.get(0).getBytes(StandardCharsets.UTF_8));
            return lead.tenant() + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Each sender gets the answer it expects: Tilda and Elementor exactly 200, JSON callers 202
     * with the id, spam a plain 200 (a bot learns nothing).
     */
    private static IntakeDecision reply(FormKind kind, InboundRequest request, IntakeEnvelope envelope, String group) {
        boolean jsonCaller = kind == FormKind.TYPEFORM || request.mediaType().equals("application/json")
                || String.valueOf(request.header("Accept")).contains("application/json");
        if (kind == FormKind.TILDA || kind == FormKind.ELEMENTOR || !jsonCaller || envelope.isSpam()) {
            return new IntakeDecision(envelope, 200, "text/plain", "ok", group);
        }
        return new IntakeDecision(envelope, 202, "application/json",
                "{\"leadId\":\"" + envelope.id() + "\",\"status\":\"accepted\"}", group);
    }
}
