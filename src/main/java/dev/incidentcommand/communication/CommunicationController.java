package dev.incidentcommand.communication;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Shortcut;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.communication.CommunicationService.AddNoteInput;
import dev.incidentcommand.communication.CommunicationService.PostUpdateInput;
import dev.incidentcommand.incident.ByIncident;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Payloads;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderIdentities;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class CommunicationController {

    record PostUpdatePayload(StakeholderUpdate update, List<UserError> userErrors) {
    }

    record AddNotePayload(Note note, List<UserError> userErrors) {
    }

    private final CommunicationService service;
    private final CommunicationRepository repository;
    private final IncidentRepository incidents;
    private final ResponderBatches responders;

    CommunicationController(CommunicationService service, CommunicationRepository repository,
                            IncidentRepository incidents, ResponderBatches responders) {
        this.service = service;
        this.repository = repository;
        this.incidents = incidents;
        this.responders = responders;
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, List<StakeholderUpdate>>> updates(List<Incident> list) {
        return repository.updatesOf(ByIncident.ids(list)).map(rows -> ByIncident.group(list, rows, StakeholderUpdate::incidentId));
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, List<Note>>> notes(List<Incident> list) {
        return repository.notesOf(ByIncident.ids(list)).map(rows -> ByIncident.group(list, rows, Note::incidentId));
    }

    @BatchMapping(typeName = "StakeholderUpdate", field = "incident")
    Mono<Map<StakeholderUpdate, Incident>> updateIncident(List<StakeholderUpdate> list) {
        return incidents.incidentsOf(list, StakeholderUpdate::incidentId);
    }

    @BatchMapping(typeName = "Note", field = "incident")
    Mono<Map<Note, Incident>> noteIncident(List<Note> list) {
        return incidents.incidentsOf(list, Note::incidentId);
    }

    @BatchMapping(typeName = "StakeholderUpdate", field = "author")
    Mono<Map<StakeholderUpdate, Responder>> updateAuthor(List<StakeholderUpdate> list) {
        return responders.of(list, StakeholderUpdate::authorId);
    }

    @BatchMapping(typeName = "Note", field = "author")
    Mono<Map<Note, Responder>> noteAuthor(List<Note> list) {
        return responders.of(list, Note::authorId);
    }

    @Bean
    static Shortcut knownUpdateAuthor(ResponderIdentities identities) {
        return identities.byId("StakeholderUpdate.author", StakeholderUpdate::authorId);
    }

    @Bean
    static Shortcut knownNoteAuthor(ResponderIdentities identities) {
        return identities.byId("Note.author", Note::authorId);
    }

    @MutationMapping
    Mono<PostUpdatePayload> postUpdate(Mutation<PostUpdateInput> mutation) {
        return Payloads.respond(service.postUpdate(mutation),
                receipt -> receipt.subject(StakeholderUpdate.class, () -> repository.findUpdate(receipt.subjectId()))
                        .map(update -> new PostUpdatePayload(update, List.of())),
                errors -> new PostUpdatePayload(null, errors));
    }

    @MutationMapping
    Mono<AddNotePayload> addNote(Mutation<AddNoteInput> mutation) {
        return Payloads.respond(service.addNote(mutation),
                receipt -> receipt.subject(Note.class, () -> repository.findNote(receipt.subjectId()))
                        .map(note -> new AddNotePayload(note, List.of())),
                errors -> new AddNotePayload(null, errors));
    }
}
