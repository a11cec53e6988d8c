package io.lintas.ledger;

/**
 * Hears each journey entry as the ledger writes it, inside the same SQL transaction (the lifecycle
 * outbox, io.lintas.lifecycle): whatever it writes commits or rolls back with the entry.
 */
@FunctionalInterface
public interface JourneyListener {

    /** Nobody listens (lifecycle publishing off). */
    JourneyListener NONE = (leadId, entry) -> { };

    void appended(String leadId, JourneyEntry entry);
}
