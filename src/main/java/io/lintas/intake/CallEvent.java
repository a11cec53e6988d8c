package io.lintas.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One verified phone-system notification, read into what the call intake decides on.
 *
 * @param kind          what to do with it
 * @param eventKey      the sender's idempotency key (CallSid, pbx_call_id:event, call_id), or null
 * @param customerPhone the outside party's number as sent (the caller of an inbound call), or null
 * @param calledNumber  the tenant's number that was called, or null
 * @param callerName    caller name as the network or PBX gave it, or null
 * @param status        the provider's own outcome word (no-answer, busy, answered, ...)
 * @param answered      the provider says someone picked up
 * @param durationSeconds talk (or call) time in seconds, 0 when unknown
 * @param recording     recording URL or id, or null
 * @param attributes    every other field, by the provider's own name
 * @param reply         the answer body, when the provider expects one other than the default
 */
record CallEvent(
        Kind kind,
        String eventKey,
        String customerPhone,
        String calledNumber,
        String callerName,
        String status,
        boolean answered,
        long durationSeconds,
        String recording,
        Map<String, String> attributes,
        String reply) {

    enum Kind {
        /** Zadarma's URL check: echo, queue nothing. */
        PROBE,
        /** Twilio's Voice URL request: answer TwiML, queue nothing (the outcome comes later). */
        VOICE,
        /** A verified notification that makes no lead (call started, ringing, outbound, recording ready). */
        ACKNOWLEDGE,
        /** The end of an inbound call: missed or answered, a lead or a touch on the open one. */
        OUTCOME
    }

    CallEvent {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    static CallEvent probe(String echo) {
        return new CallEvent(Kind.PROBE, null, null, null, null, null, false, 0, null, null, echo);
    }

    static CallEvent acknowledge() {
        return new CallEvent(Kind.ACKNOWLEDGE, null, null, null, null, null, false, 0, null, null, null);
    }

    /** Reads a non-negative whole number of seconds; anything else is 0. */
    static long seconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The first value of each field. */
    static Map<String, String> firstValues(Map<String, java.util.List<String>> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((name, values) -> out.put(name, values.isEmpty() ? "" : values.get(0)));
        return out;
    }
}
