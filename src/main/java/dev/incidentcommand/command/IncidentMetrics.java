package dev.incidentcommand.command;

/** Response times in seconds from detection (null until reached) and counts of what was tried. */
record IncidentMetrics(Long timeToAcknowledgeSeconds, Long timeToMitigateSeconds, Long timeToResolveSeconds,
                       int mitigationsTried, int mitigationsEffective, int commanderHandovers, int reopenings) {
}
