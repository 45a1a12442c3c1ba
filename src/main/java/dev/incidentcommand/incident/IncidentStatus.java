package dev.incidentcommand.incident;

/** The lifecycle, in order. */
public enum IncidentStatus {
    DECLARED, INVESTIGATING, IDENTIFIED, MITIGATING, MONITORING, RESOLVED;

    /** Still being worked on: not yet mitigated. */
    public boolean isWorking() {
        return this != MONITORING && this != RESOLVED;
    }
}
