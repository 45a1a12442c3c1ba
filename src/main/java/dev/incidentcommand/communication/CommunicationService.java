package dev.incidentcommand.communication;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.communication.CommunicationEvent.NoteAdded;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
import dev.incidentcommand.incident.IncidentChanges;
import dev.incidentcommand.incident.IncidentInput;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Receipt;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Stakeholder updates and postmortem notes. Both are allowed on resolved incidents. */
@Service
class CommunicationService {

    record PostUpdateInput(String incidentId, Audience audience, String body, String idempotencyKey)
            implements IncidentInput<PostUpdateInput> {
        @Override
        public PostUpdateInput check(Inputs inputs) {
            return new PostUpdateInput(incidentId, audience, inputs.required("body", body, Inputs.BODY), idempotencyKey);
        }
    }

    record AddNoteInput(String incidentId, NoteKind kind, String body, String url, String idempotencyKey)
            implements IncidentInput<AddNoteInput> {
        @Override
        public AddNoteInput check(Inputs inputs) {
            NoteKind given = kind == null ? NoteKind.TEXT : kind;
            String text = inputs.required("body", body, Inputs.NOTE);
            String link = inputs.url("url", url);
            inputs.require(!given.needsUrl() || (url != null && !url.isBlank()), "url",
                    UserErrorCode.BLANK, "A " + given + " note needs a url.");
            return new AddNoteInput(incidentId, given, text, link, idempotencyKey);
        }
    }

    private final IncidentChanges changes;
    private final CommunicationRepository repository;
    private final Spokespeople spokespeople;

    CommunicationService(IncidentChanges changes, CommunicationRepository repository, Spokespeople spokespeople) {
        this.spokespeople = spokespeople;
        this.changes = changes;
        this.repository = repository;
    }

    /**
     * An internal update is the commander's check-in (rule 5, which the rules of command apply); an
     * external one is not, and comes only from whoever speaks for the incident.
     */
    Mono<Receipt> postUpdate(Mutation<PostUpdateInput> mutation) {
        return mutation.checked().flatMap(input -> changes.change(mutation, input, (incident, context) ->
                (input.audience() == Audience.EXTERNAL ? spokespeople.checkSpeaksFor(incident, context.actor()) : Mono.<Void>empty())
                        .then(repository.newUpdate(incident.id(), input.audience(), input.body(), context.actor().id(),
                                context.now()))
                        .map(update -> {
                            context.writeWithEvents(CommunicationRepository.row(update));
                            if (input.audience() == Audience.EXTERNAL) {
                                context.leavesRulesUnaffected();
                            }
                            context.record(new UpdatePosted(Ids.encode(Ids.Type.StakeholderUpdate, update.id()),
                                    input.audience(), input.body()));
                            return Receipt.of(incident.id(), update.id(), update);
                        })));
    }

    /** A note needs nothing of the incident but which one it is: it may be appended without reading it. */
    Mono<Receipt> addNote(Mutation<AddNoteInput> mutation) {
        return mutation.checked().flatMap(input -> changes.appendTo(mutation, input, context ->
                repository.newNote(context.incidentId(), input.kind(), input.body(), input.url(), context.actor().id(),
                                context.now())
                        .map(note -> {
                            context.writeWithEvents(CommunicationRepository.row(note));
                            context.leavesRulesUnaffected();
                            context.record(new NoteAdded(Ids.encode(Ids.Type.Note, note.id()), input.kind(), input.body(),
                                    input.url()));
                            return Receipt.of(context.incidentId(), note.id(), note);
                        })));
    }
}
