package dev.incidentcommand.task;

public enum TaskStatus {
    ASSIGNED, ACKNOWLEDGED, IN_PROGRESS, DONE, CANCELLED;

    public boolean isOpen() {
        return this != DONE && this != CANCELLED;
    }
}
