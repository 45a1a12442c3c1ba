package dev.incidentcommand.communication;

import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.people.Responder;
import reactor.core.publisher.Mono;

/**
 * Who speaks to customers for an incident. The rules of command decide (they know who commands
 * and who holds which task); posting an update only asks.
 */
public interface Spokespeople {

    /** Completes when {@code responder} may post an EXTERNAL update on the incident; refuses with NOT_SPOKESPERSON otherwise. */
    Mono<Void> checkSpeaksFor(Incident incident, Responder responder);
}
