package dev.incidentcommand.task;

public enum MitigationOutcome {
    EFFECTIVE, INEFFECTIVE, MADE_WORSE, UNKNOWN
}
