package io.lintas.ledger;

import io.lintas.intake.IntakeEnvelope;
import io.lintas.lead.ContactKeys;
import io.lintas.lead.Lead;
import io.lintas.lead.LeadNormalizer;
import io.lintas.lead.LeadOrigin;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's core: normalise an intake envelope, drop what was seen before, and write the
 * lead and its journey to the ledger in one SQL transaction.
 *
 * <p>Duplicates are found two ways: the sender's event id (Tilda {@code tranid}, Typeform
 * {@code token}, ...) per tenant and source, and the person's phone or email within the
 * tenant's window. Either way the intake becomes a touch on the existing lead, not a new lead.
 */
public class LeadRecorder {

    private final LeadLedger ledger;
    private final LeadNormalizer normalizer;
    private final TenantRegistry tenants;
    private final TransactionTemplate tx;
    private final Clock clock;

    public LeadRecorder(LeadLedger ledger, LeadNormalizer normalizer, TenantRegistry tenants, TransactionTemplate tx,
            Clock clock) {
        this.clock = clock;
        this.ledger = ledger;
        this.normalizer = normalizer;
        this.tenants = tenants;
        this.tx = tx;
    }

    /** @throws UnknownTenant when the tenant was removed after the intake accepted the lead */
    public Recorded record(IntakeEnvelope envelope) {
        Tenant tenant = tenants.find(envelope.tenant()).orElseThrow(() -> new UnknownTenant(envelope.tenant()));
        return tx.execute(status -> recordInTransaction(envelope, tenant));
    }

    private Recorded recordInTransaction(IntakeEnvelope envelope, Tenant tenant) {
        if (ledger.exists(envelope.id())) {
            if (envelope.isSpam() || envelope.isSkipped()) { // kept, never delivered
                return new Recorded(envelope.isSpam() ? Recorded.Kind.SPAM : Recorded.Kind.SKIPPED, envelope.id(), null);
            }
            return new Recorded(Recorded.Kind.REDELIVERED, envelope.id(), ledger.leadJson(envelope.id()).orElseThrow());
        }
        Lead lead = normalizer.normalize(origin(envelope), envelope.raw(), tenant.region());
        JourneyEntry received = new JourneyEntry(envelope.receivedAt(), LeadStatus.RECEIVED,
                "via " + envelope.source() + " endpoint " + envelope.endpoint());
        if ((envelope.isSpam() || envelope.isSkipped()) && envelope.sourceEventId() != null) {
            // the same sender event again: one row per sender event (lead_source_event_uq)
            Optional<String> original = ledger.findBySourceEvent(tenant.id(), envelope.source(), envelope.sourceEventId());
            if (original.isPresent()) {
                ledger.touch(original.get(), envelope.id(), LeadStatus.DUPLICATE, envelope.receivedAt(),
                        "same " + envelope.source() + " event delivered again");
                return new Recorded(Recorded.Kind.DUPLICATE, original.get(), null);
            }
        }
        if (envelope.isSpam() || envelope.isSkipped()) {
            String status = envelope.isSpam() ? LeadStatus.SPAM : LeadStatus.SKIPPED;
            String reason = envelope.isSpam() ? envelope.spamReason() : envelope.skipReason();
            ledger.insert(lead, status, List.of(received, new JourneyEntry(envelope.receivedAt(), status, reason)),
                    envelope.contentType(), envelope.payload(), List.of());
            return new Recorded(envelope.isSpam() ? Recorded.Kind.SPAM : Recorded.Kind.SKIPPED, lead.id(), null);
        }
        for (String earlier : envelope.relatesTo()) {
            Optional<String> thread = ledger.findBySourceEvent(tenant.id(), envelope.source(), earlier);
            if (thread.isPresent()) {
                ledger.touch(thread.get(), envelope.id(), LeadStatus.REPLY, envelope.receivedAt(),
                        "reply via " + envelope.source() + " endpoint " + envelope.endpoint());
                return new Recorded(Recorded.Kind.REPLY, thread.get(), null);
            }
        }
        if (envelope.sourceEventId() != null) {
            Optional<String> original = ledger.findBySourceEvent(tenant.id(), envelope.source(), envelope.sourceEventId());
            if (original.isPresent()) {
                ledger.touch(original.get(), envelope.id(), LeadStatus.DUPLICATE, envelope.receivedAt(),
                        "same " + envelope.source() + " event delivered again");
                return new Recorded(Recorded.Kind.DUPLICATE, original.get(), null);
            }
        }
        List<String> keys = ContactKeys.of(lead.contact());
        Duration window = envelope.repeatWindow() == null ? tenant.dedupeWindow() : envelope.repeatWindow();
        Optional<String> recent = ledger.findRecentByContactKeys(tenant.id(), keys, envelope.receivedAt().minus(window));
        if (recent.isPresent()) {
            ledger.touch(recent.get(), envelope.id(), LeadStatus.REPEAT, envelope.receivedAt(),
                    "same person again via " + envelope.source() + " within " + window);
            return new Recorded(Recorded.Kind.REPEAT, recent.get(), null);
        }
        Instant now = clock.instant();
        ledger.insert(lead, LeadStatus.QUEUED_CRM, List.of(received,
                        new JourneyEntry(now, LeadStatus.NORMALISED, summary(lead)),
                        new JourneyEntry(now, LeadStatus.QUEUED_CRM, "handed to lintas.crm")),
                envelope.contentType(), envelope.payload(), keys);
        return new Recorded(Recorded.Kind.NEW, lead.id(), ledger.leadJson(lead.id()).orElseThrow());
    }

    private static LeadOrigin origin(IntakeEnvelope envelope) {
        return new LeadOrigin(envelope.id(), envelope.tenant(), envelope.channel(), envelope.source(),
                envelope.sourceEventId(), envelope.receivedAt(), "ledger:payload/" + envelope.id());
    }

    /** A journey line without personal data: counts, not values. */
    private static String summary(Lead lead) {
        return lead.contact().phones().size() + " phone(s), " + lead.contact().emails().size() + " email(s)"
                + (lead.message() == null ? "" : ", message") + (lead.utm().hasNoTags() ? "" : ", utm");
    }

    /** The envelope names a tenant this deployment no longer has. */
    public static class UnknownTenant extends RuntimeException {
        public UnknownTenant(String tenant) {
            super("tenant '" + tenant + "' is not configured");
        }
    }
}
