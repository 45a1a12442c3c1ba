package dev.incidentcommand.people;

public enum ParticipantRole {
    COMMANDER, RESPONDER, SCRIBE, COMMUNICATIONS_LEAD, SUBJECT_MATTER_EXPERT
}
