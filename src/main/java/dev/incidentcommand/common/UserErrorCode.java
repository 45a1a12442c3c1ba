package dev.incidentcommand.common;

/** Stable reasons a mutation is refused; mirrors the {@code UserErrorCode} enum of the schema. */
public enum UserErrorCode {
    BLANK,
    TOO_LONG,
    INVALID_VALUE,
    INCIDENT_NOT_FOUND,
    TASK_NOT_FOUND,
    INCIDENT_RESOLVED,
    NO_CHANGE,
    INVALID_STATUS_TRANSITION,
    REASON_REQUIRED,
    COMMANDER_ALREADY_ASSIGNED,
    NO_COMMANDER,
    COMMANDER_CANNOT_LEAVE,
    ALREADY_PARTICIPATING,
    NOT_PARTICIPATING,
    NOT_ASSIGNEE,
    ALREADY_ASSIGNED,
    INVALID_TASK_TRANSITION,
    OUTCOME_NOT_APPLICABLE,
    IDEMPOTENCY_KEY_REUSED
}
