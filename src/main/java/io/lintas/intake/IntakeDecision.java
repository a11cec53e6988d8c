package io.lintas.intake;

/**
 * What to do with an accepted request: queue the envelope (unless there is none, as for a
 * probe), then answer the sender the way it expects.
 *
 * @param envelope    what goes on the intake queue, or null when nothing does
 * @param status      HTTP status to answer with once the envelope is durable
 * @param contentType of the answer
 * @param body        the answer
 * @param group       the queue message group: envelopes that may be the same person share one,
 *                    so the pipeline sees them one after the other (tenant + primary phone or email)
 */
public record IntakeDecision(IntakeEnvelope envelope, int status, String contentType, String body, String group) {
}
