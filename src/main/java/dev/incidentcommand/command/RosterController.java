package dev.incidentcommand.command;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.command.RosterInputs.AssignCommanderInput;
import dev.incidentcommand.command.RosterInputs.HandOverCommandInput;
import dev.incidentcommand.command.RosterInputs.JoinIncidentInput;
import dev.incidentcommand.command.RosterInputs.LeaveIncidentInput;
import dev.incidentcommand.command.RosterInputs.PageResponderInput;
import dev.incidentcommand.command.RosterInputs.TakeCommandInput;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.incident.ByIncident;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentPayload;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.incident.Mutation;
import dev.incidentcommand.incident.Payloads;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.Participation;
import dev.incidentcommand.people.ParticipationRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Who is on an incident and who commands it: its participants and pages, and the mutations that change them. */
@Controller
class RosterController {

    record PagePayload(Page page, Incident incident, List<UserError> userErrors) {
    }

    record JoinPayload(Participation participation, Incident incident, List<UserError> userErrors) {
    }

    private final RosterService roster;
    private final ParticipationRepository participations;
    private final PageRepository pages;
    private final IncidentRepository incidents;

    RosterController(RosterService roster, ParticipationRepository participations, PageRepository pages,
                     IncidentRepository incidents) {
        this.roster = roster;
        this.participations = participations;
        this.pages = pages;
        this.incidents = incidents;
    }

    @SchemaMapping(typeName = "Incident")
    Mono<List<Participation>> participants(Incident incident, @Argument Boolean includePast) {
        return participations.findByIncidents(List.of(incident.id()), Boolean.TRUE.equals(includePast));
    }

    @BatchMapping(typeName = "Incident")
    Mono<Map<Incident, List<Page>>> pages(List<Incident> list) {
        return pages.findByIncidents(ByIncident.ids(list)).map(rows -> ByIncident.group(list, rows, Page::incidentId));
    }

    @MutationMapping
    Mono<IncidentPayload> assignCommander(Mutation<AssignCommanderInput> mutation) {
        return IncidentPayload.respond(roster.assignCommander(mutation), incidents);
    }

    @MutationMapping
    Mono<IncidentPayload> handOverCommand(Mutation<HandOverCommandInput> mutation) {
        return IncidentPayload.respond(roster.handOverCommand(mutation), incidents);
    }

    @MutationMapping
    Mono<IncidentPayload> takeCommand(Mutation<TakeCommandInput> mutation) {
        return IncidentPayload.respond(roster.takeCommand(mutation), incidents);
    }

    @MutationMapping
    Mono<IncidentPayload> leaveIncident(Mutation<LeaveIncidentInput> mutation) {
        return IncidentPayload.respond(roster.leaveIncident(mutation), incidents);
    }

    @MutationMapping
    Mono<PagePayload> pageResponder(Mutation<PageResponderInput> mutation) {
        return Payloads.respond(roster.pageResponder(mutation),
                receipt -> Mono.zip(pages.find(receipt.subjectId()), incidents.find(IncidentRef.of(receipt.incidentId())))
                        .map(found -> new PagePayload(found.getT1(), found.getT2(), List.of())),
                errors -> new PagePayload(null, null, errors));
    }

    @MutationMapping
    Mono<JoinPayload> joinIncident(Mutation<JoinIncidentInput> mutation) {
        return Payloads.respond(roster.joinIncident(mutation),
                receipt -> Mono.zip(participations.find(receipt.subjectId()), incidents.find(IncidentRef.of(receipt.incidentId())))
                        .map(found -> new JoinPayload(found.getT1(), found.getT2(), List.of())),
                errors -> new JoinPayload(null, null, errors));
    }
}
