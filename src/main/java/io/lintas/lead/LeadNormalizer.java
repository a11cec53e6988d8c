package io.lintas.lead;

/** Turns what a sender gave into the canonical lead. PLACEHOLDER: replaced by the full normaliser. */
public class LeadNormalizer {

    public Lead normalize(LeadOrigin origin, RawLead raw, String defaultRegion) {
        Contact contact = new Contact(raw.fullName(), raw.firstName(), raw.lastName(), raw.phones(), raw.emails(), raw.company());
        return new Lead(origin.id(), origin.tenant(), origin.channel(), origin.source(), origin.sourceEventId(),
                origin.receivedAt(), contact, raw.message(), Utm.NONE, null, raw.attributes(), origin.rawPayloadRef());
    }
}
