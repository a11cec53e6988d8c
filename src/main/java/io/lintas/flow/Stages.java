package io.lintas.flow;

import java.util.List;

/**
 * The pipeline's stages and their queues: stage {@code s} works from {@code lintas.s} and fails
 * into {@code lintas.dlq.s}. The broker settings, the dead-lettering and the admin API all read
 * them from here.
 */
public final class Stages {

    public static final List<String> ALL = List.of("intake", "crm", "tasks", "billing", "crm-events", "payments",
            "notify", "paid");

    private static final String PREFIX = "lintas.";
    private static final String DEAD_LETTER_PREFIX = "lintas.dlq.";

    private Stages() {
    }

    public static boolean isStage(String stage) {
        return ALL.contains(stage);
    }

    public static String queue(String stage) {
        return PREFIX + stage;
    }

    public static String deadLetterQueue(String stage) {
        return DEAD_LETTER_PREFIX + stage;
    }

    /** "queue://lintas.crm", "ActiveMQQueue[lintas.crm]" or "lintas.crm" → "crm"; "unknown" when it is none. */
    public static String ofDestination(String destination) {
        if (destination == null) {
            return "unknown";
        }
        String name = destination.replaceAll("^.*[/\\[]", "").replace("]", "");
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }
}
