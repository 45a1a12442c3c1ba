package dev.incidentcommand.task;

import java.util.Locale;

/** What a task is for; how the rules of command treat it depends on it. */
public enum TaskKind {
    PAGING, COORDINATION, INFORMATION_GATHERING, MITIGATION, INTERNAL_COMMS, CUSTOMER_COMMS, FOLLOW_UP;

    /** The kind as a person says it: "information-gathering", "customer comms". */
    public String words() {
        return switch (this) {
            case INFORMATION_GATHERING -> "information-gathering";
            case FOLLOW_UP -> "follow-up";
            default -> name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** With its article: "an information-gathering task", "a mitigation task". */
    public String aTask() {
        String words = words();
        return ("aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words + " task";
    }

    /**
     * Part of the response itself: the rules of command (acknowledgement, stalls, check-ins,
     * one mitigation at a time) watch it. A follow-up is work for after the incident.
     */
    public boolean duringResponse() {
        return this != FOLLOW_UP;
    }
}
