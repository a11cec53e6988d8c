package io.lintas.ledger;

import java.time.Instant;

/** One step of a lead's journey: a status it reached, when, and a short detail. */
public record JourneyEntry(Instant at, String status, String detail) {
}
