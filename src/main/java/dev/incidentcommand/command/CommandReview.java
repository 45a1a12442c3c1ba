package dev.incidentcommand.command;

import dev.incidentcommand.change.ChangeContext;
import dev.incidentcommand.change.ChangeReview;
import dev.incidentcommand.command.CommandRules.Assessment;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.responder.SystemActor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies the time-driven rules after every change and whenever the sweeper finds an incident
 * due: reads the incident as the change left it, records the findings in the server's name, and
 * saves what keeps each finding from repeating (all in the change's transaction).
 */
@Component
@EnableConfigurationProperties(DisciplineProperties.class)
class CommandReview implements ChangeReview {

    private final IncidentRepository incidents;
    private final CommandRepository repository;
    private final SystemActor system;
    private final DisciplineProperties settings;

    CommandReview(IncidentRepository incidents, CommandRepository repository, SystemActor system,
                  DisciplineProperties settings) {
        this.incidents = incidents;
        this.repository = repository;
        this.system = system;
        this.settings = settings;
    }

    @Override
    public Mono<Void> review(ChangeContext context) {
        return Mono.zip(incidents.find(IncidentRef.of(context.incident().id())).flatMap(repository::load), system.get())
                .flatMap(found -> {
                    CommandState state = found.getT1();
                    Assessment assessment = CommandRules.assess(state, context.now(), settings);
                    assessment.findings().forEach(finding ->
                            context.recordAs(found.getT2(), finding.kind(), finding.summary(), finding.details()));
                    return incidents.save(state.incident().withWatch(assessment.watch()))
                            .then(repository.markTasks(assessment.taskMarks()))
                            .then(repository.rememberRelief(state.incident().id(), assessment.reliefSuggested(), context.now()));
                });
    }
}
