package io.lintas.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code time} block of every Bitrix24 answer, in the contract's shape (A1, success envelope). */
final class PortalTime {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** Operating time is counted in 10 one-minute baskets (A2): the oldest drops off after 10 minutes. */
    private static final Duration OPERATING_WINDOW = Duration.ofMinutes(10);

    private PortalTime() {
    }

    /**
     * {@code {"start","finish","duration","processing","date_start","date_finish","operating_reset_at","operating"}}.
     * The sandbox works in no time at all, so finish is start plus a token millisecond.
     */
    static ObjectNode block(Instant start) {
        Instant finish = start.plusMillis(1);
        BigDecimal startSeconds = seconds(start);
        BigDecimal finishSeconds = seconds(finish);
        ObjectNode time = Params.NODES.objectNode();
        time.put("start", startSeconds);
        time.put("finish", finishSeconds);
        time.put("duration", finishSeconds.subtract(startSeconds));
        time.put("processing", new BigDecimal("0.000500"));
        time.put("date_start", DATE.format(start.atOffset(ZoneOffset.UTC)));
        time.put("date_finish", DATE.format(finish.atOffset(ZoneOffset.UTC)));
        time.put("operating_reset_at", start.plus(OPERATING_WINDOW).getEpochSecond());
        time.put("operating", 0);
        return time;
    }

    /** Seconds with microseconds, written plainly as the portal does: 1705764932.998683. */
    private static BigDecimal seconds(Instant t) {
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6));
    }
}
