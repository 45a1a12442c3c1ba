package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.Objects;

import dev.incidentcommand.change.ChangeContext;
import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.change.MutationRequest;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.common.Inputs;
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

    IncidentService(IncidentChanges changes, IncidentRepository incidents, ResponderRepository responders,
                    ParticipationRepository participations) {
        this.changes = changes;
        this.incidents = incidents;
        this.responders = responders;
        this.participations = participations;
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
            return ic.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                    .flatMap(chosen -> changes.create(MutationRequest.of("declareIncident", actor, input.idempotencyKey(), input), context -> {
                        Instant now = context.now();
                        Instant detectedAt = input.detectedAt() == null || input.detectedAt().isAfter(now) ? now : input.detectedAt();
                        NewIncident incident = new NewIncident(title, input.severity(), source, externalRef, impact,
                                callUrl, chosen.map(Responder::id).orElse(null), context.actor().id(), detectedAt, now);
                        return incidents.insert(incident)
                                .flatMap(created -> recordDeclaration(created, chosen.orElse(null), context))
                                .switchIfEmpty(Mono.defer(() -> incidents.lockOpenAlert(source, externalRef)
                                        .map(open -> recordRepeat(open, input.severity(), context))));
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

    private Receipt recordRepeat(Incident open, Severity reportedSeverity, ChangeContext context) {
        context.on(open);
        context.record(TimelineEventKind.ALERT_REPEATED,
                "Alert " + open.externalRef() + " fired again (reported as " + reportedSeverity + ")",
                details("source", open.source(), "externalRef", open.externalRef(), "reportedSeverity", reportedSeverity));
        return new Receipt(open.id(), null, true);
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
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            IncidentRef ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("changeStatus", actor, input.idempotencyKey(), input), ref, (incident, context) -> {
                boolean reopening = IncidentRules.checkTransition(incident, input.status(), reason);
                String what = reopening ? " reopened " + incident.key() + " (" + incident.status() + " → " + input.status() + ")"
                        : " moved " + incident.key() + " from " + incident.status() + " to " + input.status();
                context.record(reopening ? TimelineEventKind.INCIDENT_REOPENED : TimelineEventKind.STATUS_CHANGED,
                        context.actor().handle() + what + (reason == null ? "" : ": " + reason),
                        details("from", incident.status(), "to", input.status(), "reason", reason));
                return incidents.save(incident.withStatus(input.status(), context.now())).thenReturn(Receipt.of(incident.id()));
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
