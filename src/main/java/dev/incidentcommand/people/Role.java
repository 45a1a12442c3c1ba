package dev.incidentcommand.people;

/**
 * What a credential allows, before the rules of command say who may do what on an incident.
 * Each role includes what the roles before it allow, except INTEGRATION, which only declares,
 * notes and reports recurrences, as alerting tools do.
 */
public enum Role {
    /** Queries and subscriptions: wall screens, dashboards, reports. */
    VIEWER,
    /** Declares incidents, adds notes and reports recurrences: alerting systems and deploy tools. Never commands. */
    INTEGRATION,
    /** Works on incidents under the rules of command. */
    RESPONDER,
    /** Everything, and manages API tokens. */
    ADMIN
}
