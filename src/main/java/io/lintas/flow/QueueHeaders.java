package io.lintas.flow;

import org.apache.camel.Message;

/** Headers every message on a Lintas queue carries, so Hawtio and the DLQ listing can show them. */
public final class QueueHeaders {

    public static final String LEAD_ID = "LintasLeadId";
    public static final String TENANT = "LintasTenant";
    public static final String SOURCE = "LintasSource";
    /** Artemis message group: messages of one group go to one consumer at a time, in order. */
    public static final String GROUP_ID = "JMSXGroupID";
    public static final String FAILURE_REASON = "LintasFailureReason";
    public static final String FAILED_AT = "LintasFailedAt";
    public static final String FAILED_STAGE = "LintasFailedStage";
    public static final String DEAD_LETTER_QUEUE = "LintasDeadLetterQueue";

    private QueueHeaders() {
    }

    /**
     * Replaces every header with the ones a Lintas queue message carries: nothing from the
     * sender (signatures, tokens, cookies) travels on as a JMS property.
     */
    public static void reset(Message message, String leadId, String tenant, String source) {
        message.removeHeaders("*");
        message.setHeader(LEAD_ID, leadId);
        message.setHeader(TENANT, tenant);
        message.setHeader(SOURCE, source);
    }
}
