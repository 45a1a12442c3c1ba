package dev.incidentcommand.incident;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies what an alerting system reports, one webhook delivery at a time. A firing alert
 * declares an incident unless an open one holds its key (then it is a repeat, which reopens an
 * incident being monitored); a resolved alert is noted and never resolves anything. A delivery is
 * applied whole or not at all, and a delivery sent again changes nothing.
 */
@Service
public class AlertIntake {

    /** What became of one alert. */
    public enum Outcome { DECLARED, REPEATED, REOPENED, RESOLVED_NOTED, NO_OPEN_INCIDENT }

    public record AlertOutcome(String externalRef, String incident, Outcome outcome) {
    }

    /** @param replayed true when this delivery had been received before: nothing changed this time */
    public record Delivery(List<AlertOutcome> alerts, boolean replayed) {
    }

    private record Outcomes(List<AlertOutcome> alerts) {
    }

    private final IncidentChanges changes;
    private final IncidentService incidents;
    private final IncidentRepository repository;
    private final JsonMapper json;

    AlertIntake(IncidentChanges changes, IncidentService incidents, IncidentRepository repository, JsonMapper json) {
        this.changes = changes;
        this.incidents = incidents;
        this.repository = repository;
        this.json = json;
    }

    /**
     * @param sender      which system sent it ("alertmanager"), naming the delivery for replays
     * @param deliveryId  the sender's id of this delivery, or a digest of its body when it has none
     * @param fingerprint a digest of the body: the same id with another body is refused
     */
    public Mono<Delivery> receive(String actor, String sender, String deliveryId, String fingerprint, List<AlertSignal> alerts) {
        String what = "webhook:" + sender;
        // One order for every delivery, so two deliveries touching the same incidents never deadlock.
        List<AlertSignal> ordered = alerts.stream().sorted(Comparator.comparing(AlertSignal::externalRef)).toList();
        boolean declares = ordered.stream().anyMatch(AlertSignal::firing);
        return changes.together(actor, together -> together.replayOrClaim(what, deliveryId, fingerprint)
                .map(earlier -> new Delivery(json.readValue(earlier, Outcomes.class).alerts(), true))
                .switchIfEmpty(Mono.defer(() -> (declares ? repository.lockNumbers() : Mono.<Void>empty())
                        .thenMany(Flux.fromIterable(ordered).concatMap(alert -> together.apply(context -> apply(alert, context))))
                        .collectList()
                        .flatMap(outcomes -> together.remember(what, deliveryId, json.writeValueAsString(new Outcomes(outcomes)))
                                .thenReturn(new Delivery(outcomes, false))))));
    }

    private Mono<AlertOutcome> apply(AlertSignal alert, ChangeContext context) {
        if (!alert.firing()) {
            return incidents.alertResolved(alert, context)
                    .map(receipt -> outcome(alert, context, Outcome.RESOLVED_NOTED))
                    .defaultIfEmpty(new AlertOutcome(alert.externalRef(), null, Outcome.NO_OPEN_INCIDENT));
        }
        return incidents.alertFired(alert, context).map(receipt -> outcome(alert, context, !receipt.deduplicated()
                ? Outcome.DECLARED
                : context.recorded().stream().anyMatch(IncidentEvent.IncidentReopened.class::isInstance) ? Outcome.REOPENED
                : Outcome.REPEATED));
    }

    private static AlertOutcome outcome(AlertSignal alert, ChangeContext context, Outcome outcome) {
        return new AlertOutcome(alert.externalRef(), context.incident().key(), outcome);
    }
}
