package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.IncidentEvent.AlertRepeated;
import dev.incidentcommand.incident.IncidentEvent.AlertResolved;
import dev.incidentcommand.incident.IncidentEvent.CommanderAssigned;
import dev.incidentcommand.incident.IncidentEvent.ImpactUpdated;
import dev.incidentcommand.incident.IncidentEvent.IncidentDeclared;
import dev.incidentcommand.incident.IncidentEvent.IncidentEdited;
import dev.incidentcommand.incident.IncidentEvent.IncidentReopened;
import dev.incidentcommand.incident.IncidentEvent.SeverityChanged;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentInputs.ChangeSeverityInput;
import dev.incidentcommand.incident.IncidentInputs.ChangeStatusInput;
import dev.incidentcommand.incident.IncidentInputs.DeclareIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.EditIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.ReportRecurrenceInput;
import dev.incidentcommand.incident.IncidentInputs.UpdateImpactInput;
import dev.incidentcommand.people.ParticipantRole;
import dev.incidentcommand.people.ParticipationRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Declaring incidents and moving them along: severity, status, impact, recurrences, corrections. */
@Service
class IncidentService {

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final ParticipationRepository participations;
    private final MonitoringRules monitoring;
    private final OpenWork openWork;

    IncidentService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                    ParticipationRepository participations, MonitoringRules monitoring, OpenWork openWork) {
        this.openWork = openWork;
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
                                chosen.map(Responder::id).orElse(null), context.actor().id(), detectedAt, now, null);
                        Mono<Incident> repeated = input.externalRef() == null ? Mono.empty()
                                : incidents.lockOpenAlert(input.source(), input.externalRef());
                        return incidents.lockNumbers()
                                .then(repeated)
                                .flatMap(open -> recordRepeat(open, input.severity(), context))
                                .switchIfEmpty(Mono.defer(() -> incidents.insert(incident)
                                        .flatMap(created -> recordDeclaration(created, chosen.orElse(null), context))));
                    });
        }));
    }

    private Mono<Receipt> recordDeclaration(Incident incident, Responder commander, ChangeContext context) {
        context.on(incident);
        context.record(new IncidentDeclared(incident.title(), incident.severity(), incident.source(),
                incident.externalRef(), incident.callUrl(), incident.detectedAt(), incident.alertUrl(), incident.impact()));
        if (commander == null) {
            return Mono.just(Receipt.of(incident.id()));
        }
        context.record(new CommanderAssigned(commander.handle(), null));
        return participations.open(incident.id(), commander.id(), ParticipantRole.COMMANDER, context.now())
                .thenReturn(Receipt.of(incident.id()));
    }

    /**
     * An alert firing: declares an incident from it, unless an open incident holds its key, which
     * then notes the repeat. The caller holds the incident numbers ({@link IncidentRepository#lockNumbers}).
     */
    Mono<Receipt> alertFired(AlertSignal alert, ChangeContext context) {
        Instant now = context.now();
        NewIncident incident = new NewIncident(alert.title(), alert.severity(), IncidentSource.ALERT, alert.externalRef(),
                alert.description() == null ? Impact.UNKNOWN : new Impact(alert.description(), Impact.Answer.UNKNOWN,
                        Impact.Frequency.UNKNOWN, Impact.Answer.UNKNOWN, Impact.ImpactScope.UNKNOWN, null),
                null, null, context.actor().id(), now, now, alert.link());
        return incidents.lockOpenAlert(IncidentSource.ALERT, alert.externalRef())
                .flatMap(open -> recordRepeat(open, alert.severity(), context))
                .switchIfEmpty(Mono.defer(() -> incidents.insert(incident).flatMap(created -> recordDeclaration(created, null, context))));
    }

    /** An alert resolved: noted on the open incident holding its key, which stays open; empty when none does. */
    Mono<Receipt> alertResolved(AlertSignal alert, ChangeContext context) {
        return incidents.lockOpenAlert(IncidentSource.ALERT, alert.externalRef()).map(open -> {
            context.on(open);
            context.record(new AlertResolved(IncidentSource.ALERT, alert.externalRef()));
            return Receipt.of(open.id());
        });
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
        return incidents.save(incident.withStatus(IncidentStatus.INVESTIGATING, context.now()))
                .then(commandResumes(incident, context));
    }

    /** Everyone's roles end when the incident is resolved: nobody is still on a resolved incident. */
    private Mono<Void> standDown(Incident incident, ChangeContext context) {
        return participations.endEveryone(incident.id(), context.now()).then();
    }

    /** A resolved incident that reopens is back under its commander, who holds the role again. */
    private Mono<Void> commandResumes(Incident incident, ChangeContext context) {
        if (incident.status() != IncidentStatus.RESOLVED || incident.commanderId() == null) {
            return Mono.empty();
        }
        return participations.open(incident.id(), incident.commanderId(), ParticipantRole.COMMANDER, context.now()).then();
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
            boolean resolving = to == IncidentStatus.RESOLVED;
            Mono<List<String>> leftOpen = resolving ? openWork.leftByResolving(incident) : Mono.just(List.of());
            return leftOpen.flatMap(open -> {
                IncidentRules.checkOpenWork(incident, open, input.reason());
                boolean early = resolving && monitoring.checkResolution(incident, input.reason(), context.now());
                Incident moved = incident.withStatus(to, context.now());
                Instant monitoringUntil = null;
                if (to == IncidentStatus.MONITORING) {
                    monitoringUntil = monitoring.monitoringUntil(input.monitoringWindowMinutes(), context.now());
                    moved = moved.withWatch(moved.watch().monitoringUntil(monitoringUntil));
                }
                context.record(reopening
                        ? new IncidentReopened(incident.status(), to, input.reason(), null)
                        : new StatusChanged(incident.status(), to, input.reason(), monitoringUntil, early ? true : null,
                                open.isEmpty() ? null : open));
                return incidents.save(moved)
                        .then(resolving ? standDown(incident, context) : reopening ? commandResumes(incident, context) : Mono.empty())
                        .thenReturn(Receipt.of(incident.id()));
            });
        }));
    }

    Mono<Receipt> edit(Mutation<EditIncidentInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            Incident.Declaration was = incident.declaration();
            Incident.Declaration corrected = new Incident.Declaration(given(input.title(), was.title()), was.source(),
                    given(input.externalRef(), was.externalRef()), given(input.callUrl(), was.callUrl()), was.declaredById(),
                    was.alertUrl());
            recordEdit(context, "title", was.title(), corrected.title());
            recordEdit(context, "callUrl", was.callUrl(), corrected.callUrl());
            recordEdit(context, "externalRef", was.externalRef(), corrected.externalRef());
            if (context.recorded().isEmpty()) {
                throw new Refusal(UserErrorCode.NO_CHANGE, incident.key() + " already reads this way.");
            }
            context.leavesRulesUnaffected();
            Mono<Incident> holder = Objects.equals(was.externalRef(), corrected.externalRef()) || !incident.active()
                    ? Mono.empty() : incidents.lockOpenAlert(incident.source(), corrected.externalRef());
            return holder.doOnNext(other -> IncidentRules.checkExternalRefFree(incident, other))
                    .then(incidents.save(incident.withDeclaration(corrected)))
                    .thenReturn(Receipt.of(incident.id()));
        }));
    }

    /** The corrected value when one was given, else the current one (which may be none). */
    private static String given(String correction, String current) {
        return correction != null ? correction : current;
    }

    private static void recordEdit(ChangeContext context, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            context.record(new IncidentEdited(field, from, to));
        }
    }

    Mono<Receipt> updateImpact(Mutation<UpdateImpactInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) -> {
            IncidentRules.requireActive(incident);
            Impact updated = input.impact().applyTo(incident.impact());
            if (updated.equals(incident.impact())) {
                throw Refusal.onInput("impact", UserErrorCode.NO_CHANGE,
                        "The impact assessment of " + incident.key() + " already reads this way.");
            }
            context.record(new ImpactUpdated(incident.impact(), updated));
            return incidents.save(incident.withImpact(updated)).thenReturn(Receipt.of(incident.id()));
        }));
    }
}
