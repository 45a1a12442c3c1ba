package dev.incidentcommand.communication;

public enum Audience {
    INTERNAL, EXTERNAL
}
