package dev.incidentcommand.communication;

import dev.incidentcommand.change.IncidentChanges;
import dev.incidentcommand.change.MutationRequest;
import dev.incidentcommand.change.Receipt;
import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.IncidentInputs;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.change.ChangeContext.details;

/** Stakeholder updates and postmortem notes. Both are allowed on resolved incidents. */
@Service
class CommunicationService {

    record PostUpdateInput(String incidentId, Audience audience, String body, String idempotencyKey) {
    }

    record AddNoteInput(String incidentId, NoteKind kind, String body, String url, String idempotencyKey) {
    }

    private final IncidentChanges changes;
    private final CommunicationRepository repository;
    private final IncidentRepository incidents;

    CommunicationService(IncidentChanges changes, CommunicationRepository repository, IncidentRepository incidents) {
        this.changes = changes;
        this.repository = repository;
        this.incidents = incidents;
    }

    Mono<Receipt> postUpdate(PostUpdateInput input, String actor) {
        return Mono.defer(() -> {
            Inputs check = new Inputs();
            String body = check.required("body", input.body(), Inputs.BODY);
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("postUpdate", actor, input.idempotencyKey(), input), ref, (incident, context) ->
                    repository.insertUpdate(incident.id(), input.audience(), body, context.actor().id(), context.now())
                            .map(update -> {
                                if (input.audience() == Audience.EXTERNAL) {
                                    context.leavesRulesUnaffected();
                                }
                                context.record(TimelineEventKind.UPDATE_POSTED,
                                        context.actor().handle() + " posted an " + input.audience().name().toLowerCase()
                                                + " update: " + body,
                                        details("updateId", Ids.encode(Ids.Type.StakeholderUpdate, update.id()),
                                                "audience", input.audience(), "body", body));
                                return update;
                            })
                            // An internal update is the commander's check-in: it resets the cadence.
                            .flatMap(update -> (input.audience() == Audience.INTERNAL
                                    ? incidents.save(incident.withWatch(incident.watch().checkedIn(context.now())))
                                    : Mono.<Void>empty())
                                    .thenReturn(Receipt.of(incident.id(), update.id()))));
        });
    }

    Mono<Receipt> addNote(AddNoteInput input, String actor) {
        return Mono.defer(() -> {
            NoteKind kind = input.kind() == null ? NoteKind.TEXT : input.kind();
            Inputs check = new Inputs();
            String body = check.required("body", input.body(), Inputs.NOTE);
            String url = check.url("url", input.url());
            check.require(!kind.needsUrl() || (input.url() != null && !input.url().isBlank()), "url",
                    UserErrorCode.BLANK, "A " + kind + " note needs a url.");
            check.idempotencyKey(input.idempotencyKey());
            check.orRefuse();
            var ref = IncidentInputs.incidentRef(input.incidentId());
            return changes.change(MutationRequest.of("addNote", actor, input.idempotencyKey(), input), ref, (incident, context) ->
                    repository.insertNote(incident.id(), kind, body, url, context.actor().id(), context.now())
                            .map(note -> {
                                context.leavesRulesUnaffected();
                                context.record(TimelineEventKind.NOTE_ADDED,
                                        context.actor().handle() + " noted" + (kind == NoteKind.TEXT ? "" : " (" + kind + ")")
                                                + ": " + body + (url == null ? "" : " " + url),
                                        details("noteId", Ids.encode(Ids.Type.Note, note.id()), "kind", kind,
                                                "body", body, "url", url));
                                return Receipt.of(incident.id(), note.id());
                            }));
        });
    }
}
