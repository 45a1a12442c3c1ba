package dev.incidentcommand.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.incidentcommand.change.ChangeContext;
import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.change.MutationRequest;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.command.DisciplineProperties;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Times;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.IncidentInputs.ChangeSeverityInput;
import dev.incidentcommand.incident.IncidentInputs.ChangeStatusInput;
import dev.incidentcommand.incident.IncidentInputs.DeclareIncidentInput;
import dev.incidentcommand.incident.IncidentInputs.UpdateImpactInput;
import dev.incidentcommand.responder.ParticipantRole;
import dev.incidentcommand.responder.ParticipationRepository;
import dev.incidentcommand.responder.Responder;
import dev.incidentcommand.responder.ResponderRepository;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.change.ChangeContext.details;

/** Declaring incidents and changing their severity, status and impact. */
@Service
public class IncidentService {

    private final IncidentChanges changes;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final ParticipationRepository participations;
    private final DisciplineProperties discipline;

    IncidentService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                    ParticipationRepository participations, DisciplineProperties discipline) {
        this.changes = changes;
        this.incidents = incidents;
        this.responders = responders;
        this.participations = participations;
        this.discipline = discipline;
    }

    public Mono<Receipt> declare(DeclareIncidentInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String title = check.required("title", input.title(), Inputs.TITLE);
            String externalRef = check.optional("externalRef", input.externalRef(), Inputs.KEY);
            String callUrl = check.url("callUrl", input.callUrl());
            String commander = input.commander() == null ? null : check.handle("commander", input.commander());
            Impact impact = input.impact() == null ? Impact.UNKNOWN : Impact.UNKNOWN.merge(input.impact().check(check));
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentSource source = Objects.requireNonNullElse(input.source(), IncidentSource.MANUAL);
            Mono<Responder> ic = commander == null ? Mono.empty() : responders.ensure(commander);
            return ic.map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(chosen -> changes.create(MutationRequest.of("declareIncident", actor, input.idempotencyKey(), input), context -> {
                        Instant now = context.now();
                        Instant detectedAt = input.detectedAt() == null || input.detectedAt().isAfter(now) ? now : input.detectedAt();
                        NewIncident incident = new NewIncident(title, input.severity(), source, externalRef, impact,
                                callUrl, chosen.map(Responder::id).orElse(null), context.actor().id(), detectedAt, now);
                        return incidents.insert(incident)
                                .flatMap(created -> recordDeclaration(created, chosen.orElse(null), context))
                                .switchIfEmpty(Mono.defer(() -> incidents.lockOpenAlert(source, externalRef)
                                        .flatMap(open -> recordRepeat(open, input.severity(), context))));
                    }));
        });
    }

    private Mono<Receipt> recordDeclaration(Incident incident, Responder commander, ChangeContext context) {
        context.on(incident);
        context.record(TimelineEventKind.INCIDENT_DECLARED,
                context.actor().handle() + " declared " + incident.key() + " (" + incident.severity() + "): " + incident.title(),
                details("title", incident.title(), "severity", incident.severity(), "source", incident.source(),
                        "externalRef", incident.externalRef(), "callUrl", incident.callUrl(),
                        "detectedAt", incident.detectedAt().toString()));
        if (commander == null) {
            return Mono.just(Receipt.of(incident.id()));
        }
        context.record(TimelineEventKind.COMMANDER_ASSIGNED, commander.handle() + " is incident commander",
                details("commander", commander.handle()));
        return participations.open(incident.id(), commander.id(), ParticipantRole.COMMANDER, context.now())
                .thenReturn(Receipt.of(incident.id()));
    }

    /** A repeated alert is noted; while the incident is being monitored it is a recurrence and reopens it. */
    private Mono<Receipt> recordRepeat(Incident open, Severity reportedSeverity, ChangeContext context) {
        context.on(open);
        context.record(TimelineEventKind.ALERT_REPEATED,
                "Alert " + open.externalRef() + " fired again (reported as " + reportedSeverity + ")",
                details("source", open.source(), "externalRef", open.externalRef(), "reportedSeverity", reportedSeverity));
        Receipt receipt = new Receipt(open.id(), null, true);
        if (open.status() != IncidentStatus.MONITORING) {
            return Mono.just(receipt);
        }
        return reopen(open, "alert " + open.externalRef() + " fired again while monitoring", context).thenReturn(receipt);
    }

    private Mono<Void> reopen(Incident incident, String what, ChangeContext context) {
        context.record(TimelineEventKind.INCIDENT_REOPENED,
                incident.key() + " recurred and was reopened (" + incident.status() + " → INVESTIGATING): " + what,
                details("from", incident.status(), "to", IncidentStatus.INVESTIGATING, "reason", what, "recurrence", true));
        return incidents.save(incident.withStatus(IncidentStatus.INVESTIGATING, context.now()));
    }

    public Mono<Receipt> reportRecurrence(IncidentInputs.ReportRecurrenceInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String description = check.required("description", input.description(), Inputs.REASON);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("reportRecurrence", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                IncidentRules.checkRecurrence(incident);
                return reopen(incident, context.actor().handle() + " reported: " + description, context)
                        .thenReturn(Receipt.of(incident.id()));
            });
        });
    }

    public Mono<Receipt> changeSeverity(ChangeSeverityInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String reason = check.required("reason", input.reason(), Inputs.REASON);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("changeSeverity", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                IncidentRules.checkSeverityChange(incident, input.severity());
                String verb = input.severity().isWorseThan(incident.severity()) ? "raised" : "lowered";
                context.record(TimelineEventKind.SEVERITY_CHANGED,
                        context.actor().handle() + " " + verb + " severity from " + incident.severity() + " to "
                                + input.severity() + ": " + reason,
                        details("from", incident.severity(), "to", input.severity(), "reason", reason));
                return incidents.save(incident.withSeverity(input.severity())).thenReturn(Receipt.of(incident.id()));
            });
        });
    }

    public Mono<Receipt> changeStatus(ChangeStatusInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String reason = check.optional("reason", input.reason(), Inputs.REASON);
            Integer windowMinutes = input.monitoringWindowMinutes();
            check.require(windowMinutes == null || (windowMinutes >= 1 && windowMinutes <= 1440), "monitoringWindowMinutes",
                    UserErrorCode.INVALID_VALUE, "'monitoringWindowMinutes' must be between 1 and 1440.");
            check.require(windowMinutes == null || input.status() == IncidentStatus.MONITORING, "monitoringWindowMinutes",
                    UserErrorCode.INVALID_VALUE, "'monitoringWindowMinutes' applies only when moving to MONITORING.");
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            Duration window = windowMinutes == null ? discipline.monitoringWindow() : Duration.ofMinutes(windowMinutes);
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("changeStatus", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                boolean reopening = IncidentRules.checkTransition(incident, input.status(), reason);
                boolean early = input.status() == IncidentStatus.RESOLVED
                        && IncidentRules.checkResolution(incident, reason, context.now());
                Incident moved = incident.withStatus(input.status(), context.now());
                Instant monitoringUntil = null;
                if (input.status() == IncidentStatus.MONITORING) {
                    monitoringUntil = context.now().plus(window);
                    moved = moved.withWatch(moved.watch().monitoringUntil(monitoringUntil));
                }
                String what = reopening ? " reopened " + incident.key() + " (" + incident.status() + " → " + input.status() + ")"
                        : " moved " + incident.key() + " from " + incident.status() + " to " + input.status();
                String monitoring = monitoringUntil == null ? "" : " – monitoring until " + Times.readable(monitoringUntil);
                String resolvedEarly = early ? " – resolved before monitoring completed" : "";
                context.record(reopening ? TimelineEventKind.INCIDENT_REOPENED : TimelineEventKind.STATUS_CHANGED,
                        context.actor().handle() + what + monitoring + resolvedEarly + (reason == null ? "" : ": " + reason),
                        details("from", incident.status(), "to", input.status(), "reason", reason,
                                "monitoringUntil", monitoringUntil == null ? null : monitoringUntil.toString(),
                                "early", early ? true : null));
                return incidents.save(moved).thenReturn(Receipt.of(incident.id()));
            });
        });
    }

    public Mono<Receipt> updateImpact(UpdateImpactInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            Impact changesGiven = input.impact().check(check);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("updateImpact", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                IncidentRules.requireActive(incident);
                Impact updated = incident.impact().merge(changesGiven);
                if (updated.equals(incident.impact())) {
                    throw dev.incidentcommand.common.Refusal.onInput("impact", UserErrorCode.NO_CHANGE,
                            "The impact assessment of " + incident.key() + " already reads this way.");
                }
                context.record(TimelineEventKind.IMPACT_UPDATED,
                        context.actor().handle() + " updated the impact: " + describe(updated),
                        details("from", incident.impact(), "to", updated));
                return incidents.save(incident.withImpact(updated)).thenReturn(Receipt.of(incident.id()));
            });
        });
    }

    /** The impact as it would be read out on the call. */
    static String describe(Impact impact) {
        StringBuilder text = new StringBuilder(impact.summary() == null ? "no statement yet" : impact.summary());
        text.append(" (reproducible: ").append(impact.reproducible())
                .append(", frequency: ").append(impact.frequency())
                .append(", retries succeed: ").append(impact.retriesSucceed())
                .append(", scope: ").append(impact.scope());
        if (impact.affectedUsers() != null) {
            text.append(" – ").append(impact.affectedUsers());
        }
        return text.append(')').toString();
    }
}
