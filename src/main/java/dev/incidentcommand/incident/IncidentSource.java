package dev.incidentcommand.incident;

public enum IncidentSource {
    ALERT, CHAT, CUSTOMER_SUPPORT, MANUAL
}
