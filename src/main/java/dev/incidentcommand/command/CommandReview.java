package dev.incidentcommand.command;

import dev.incidentcommand.incident.ChangeContext;
import dev.incidentcommand.incident.ChangeReview;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.SystemActor;
import dev.incidentcommand.task.TaskRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies the rules of command after every change and whenever the sweeper finds an incident
 * due: reads the incident as the change left it, counts an internal update as a check-in,
 * records the findings in the server's name, and saves what keeps each finding from repeating,
 * all in the change's transaction.
 */
@Component
@EnableConfigurationProperties(DisciplineProperties.class)
class CommandReview implements ChangeReview {

    private final CommandRepository repository;
    private final IncidentRepository incidents;
    private final TaskRepository tasks;
    private final SystemActor system;
    private final DisciplineProperties settings;
    private final PageRepository pages;

    CommandReview(CommandRepository repository, IncidentRepository incidents, TaskRepository tasks, SystemActor system,
                  DisciplineProperties settings, PageRepository pages) {
        this.pages = pages;
        this.repository = repository;
        this.incidents = incidents;
        this.tasks = tasks;
        this.system = system;
        this.settings = settings;
    }

    @Override
    public Mono<Void> review(ChangeContext context) {
        return Mono.zip(repository.load(context.incident().id()), system.get()).flatMap(found -> {
            Incident changed = found.getT1().incident();
            CommandState state = found.getT1().withIncident(changed.withWatch(
                    RegularCheckIns.afterChange(changed.watch(), context.recorded(), context.now())));
            Assessment assessment = RulesOfCommand.assess(state, context.now(), settings);
            assessment.findings().forEach(finding -> context.recordAs(found.getT2(), finding));
            return incidents.save(state.incident().withWatch(assessment.finalWatch()))
                    .then(tasks.remember(assessment.reminders()))
                    .then(pages.reportedUnanswered(assessment.unansweredPages(), context.now()))
                    .then(repository.rememberRelief(changed.id(), assessment.reliefSuggested(), context.now()));
        });
    }
}
