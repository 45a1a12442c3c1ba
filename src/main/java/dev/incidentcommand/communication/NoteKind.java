package dev.incidentcommand.communication;

public enum NoteKind {
    TEXT, LOG_LINE, DASHBOARD, SCREENSHOT, LINK;

    boolean needsUrl() {
        return this == DASHBOARD || this == SCREENSHOT || this == LINK;
    }
}
