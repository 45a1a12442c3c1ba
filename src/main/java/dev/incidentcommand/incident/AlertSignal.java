package dev.incidentcommand.incident;

/**
 * One alert from an alerting system, as any of their webhook formats says it: firing or resolved,
 * the key the sender deduplicates by (an Alertmanager fingerprint, a PagerDuty incident id...),
 * what it is about, how bad, and where to look.
 *
 * @param externalRef the sender's deduplication key; an open incident carrying it owns the alert
 * @param link        a link back to the alert in the sender, or null
 * @param description more detail from the sender, or null
 */
public record AlertSignal(boolean firing, String externalRef, String title, Severity severity, String link,
                          String description) {
}
