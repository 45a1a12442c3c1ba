package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.Optional;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.IncidentEvent.AlertRepeated;
import dev.incidentcommand.incident.IncidentEvent.CommanderAssigned;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.incident.IncidentEvent.IncidentDeclared;
import dev.incidentcommand.incident.IncidentEvent.IncidentReopened;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentInputs.ChangeSeverityInput;
import dev.incidentcommand.incident.IncidentInputs.ChangeStatusInput;
import dev.incidentcommand.incident.IncidentInputs.DeclareIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.ReportRecurrenceInput;
import dev.incidentcommand.incident.IncidentInputs.UpdateImpactInput;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.ParticipationRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Declaring incidents and moving them along: severity, status, impact, recurrences. */
@Service
class IncidentService {

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final ParticipationRepository participations;
    private final MonitoringRules monitoring;

    IncidentService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                    ParticipationRepository participations, MonitoringRules monitoring) {
        this.changes = changes;
        this.incidents = incidents;
        this.responders = responders;
        this.participations = participations;
        this.monitoring = monitoring;
    }

    Mono<Receipt> declare(Mutation<DeclareIncidentInput> mutation) {
        return mutation.checked().flatMap(input -> changes.create(mutation, context -> {
            Mono<Responder> ic = input.commander() == null ? Mono.empty() : responders.ensure(input.commander());
            return ic.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(chosen -> {
                        Instant now = context.now();
                        Instant detectedAt = input.detectedAt() == null || input.detectedAt().isAfter(now) ? now : input.detectedAt();
                        NewIncident incident = new NewIncident(input.title(), input.severity(), input.source(),
                                input.externalRef(), input.initialImpact(), input.callUrl(),
                                chosen.map(Responder::id).orElse(null), context.actor().id(), detectedAt, now);
                        return incidents.insert(incident)
                                .flatMap(created -> recordDeclaration(created, chosen.orElse(null), context))
                                .switchIfEmpty(Mono.defer(() -> incidents.lockOpenAlert(input.source(), input.externalRef())
                                        .flatMap(open -> recordRepeat(open, input.severity(), context))));
                    });
        }));
    }

    private Mono<Receipt> recordDeclaration(Incident incident, Responder commander, ChangeContext context) {
        context.on(incident);
        context.record(new IncidentDeclared(incident.title(), incident.severity(), incident.source(),
                incident.externalRef(), incident.callUrl(), incident.detectedAt()));
        if (commander == null) {
            return Mono.just(Receipt.of(incident.id()));
        }
        context.record(new CommanderAssigned(commander.handle(), null));
        return participations.open(incident.id(), commander.id(), ParticipantRole.COMMANDER, context.now())
                .thenReturn(Receipt.of(incident.id()));
    }

    /** A repeated alert is noted; while the incident is watched after mitigation it is a recurrence and reopens it. */
    private Mono<Receipt> recordRepeat(Incident open, Severity reportedSeverity, ChangeContext context) {
        context.on(open);
        context.record(new AlertRepeated(open.source(), open.externalRef(), reportedSeverity));
        Receipt receipt = new Receipt(open.id(), null, true);
        if (!monitoring.repeatReopens(open)) {
            return Mono.just(receipt);
        }
        return reopen(open, "alert " + open.externalRef() + " fired again while monitoring", context).thenReturn(receipt);
    }

    private Mono<Void> reopen(Incident incident, String what, ChangeContext context) {
        context.record(new IncidentReopened(incident.status(), IncidentStatus.INVESTIGATING, what, true));
        return incidents.save(incident.withStatus(IncidentStatus.INVESTIGATING, context.now()));
    }

    Mono<Receipt> reportRecurrence(Mutation<ReportRecurrenceInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentRules.checkRecurrence(incident);
            return reopen(incident, context.actor().handle() + " reported: " + input.description(), context)
                    .thenReturn(Receipt.of(incident.id()));
        }));
    }

    Mono<Receipt> changeSeverity(Mutation<ChangeSeverityInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentRules.checkSeverityChange(incident, input.severity());
            context.record(new SeverityChanged(incident.severity(), input.severity(), input.reason()));
            return incidents.save(incident.withSeverity(input.severity())).thenReturn(Receipt.of(incident.id()));
        }));
    }

    Mono<Receipt> changeStatus(Mutation<ChangeStatusInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentStatus to = input.status();
            boolean reopening = IncidentRules.checkTransition(incident, to, input.reason());
            boolean early = to == IncidentStatus.RESOLVED && monitoring.checkResolution(incident, input.reason(), context.now());
            Incident moved = incident.withStatus(to, context.now());
            Instant monitoringUntil = null;
            if (to == IncidentStatus.MONITORING) {
                monitoringUntil = monitoring.monitoringUntil(input.monitoringWindowMinutes(), context.now());
                moved = moved.withWatch(moved.watch().monitoringUntil(monitoringUntil));
            }
            context.record(reopening
                    ? new IncidentReopened(incident.status(), to, input.reason(), null)
                    : new StatusChanged(incident.status(), to, input.reason(), monitoringUntil, early ? true : null));
            return incidents.save(moved).thenReturn(Receipt.of(incident.id()));
        }));
    }

    Mono<Receipt> updateImpact(Mutation<UpdateImpactInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentRules.requireActive(incident);
            Impact updated = incident.impact().merge(input.impact().changes());
            if (updated.equals(incident.impact())) {
                throw Refusal.onInput("impact", UserErrorCode.NO_CHANGE,
                        "The impact assessment of " + incident.key() + " already reads this way.");
            }
            context.record(new ImpactUpdated(incident.impact(), updated));
            return incidents.save(incident.withImpact(updated)).thenReturn(Receipt.of(incident.id()));
        }));
    }
}
