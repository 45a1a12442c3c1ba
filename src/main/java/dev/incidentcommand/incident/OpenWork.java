package dev.incidentcommand.incident;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * The work still open on an incident, as resolving it needs to know. Tasks know it (task/); the
 * lifecycle only asks.
 */
public interface OpenWork {

    /**
     * What resolving now would leave hanging (a mitigation in progress, tasks nobody acknowledged),
     * each described for people; empty when nothing is.
     */
    Mono<List<String>> leftByResolving(Incident incident);
}
