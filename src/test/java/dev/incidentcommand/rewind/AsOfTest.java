package dev.incidentcommand.rewind;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.command.DisciplineSweeper;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code Incident.asOf} against the real mutations: an incident is driven through the API, its
 * state as the API reports it is recorded after every change, and each recorded state must be what
 * the server rebuilds from the timeline for the same sequence. Time is moved by the test, which
 * runs the rules' sweeper itself (its own schedule is set to an hour).
 */
@Import(MovableClock.Configuration.class)
@TestPropertySource(properties = "incident-command.discipline.sweep-interval=1h")
class AsOfTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    /** The fields both queries share, so that the two answers can be compared as they are. */
    private static final String STATE = """
            title severity status active callUrl externalRef commander { handle }
            impact { summary reproducible frequency retriesSucceed scope affectedUsers }
            stalled
            tasks { id kind title status dueAt outcome resolution assignee { handle } }
            participants { responder { handle } role since }
            """;

    private static final String LIVE = "query($id: ID!) { incident(id: $id) { lastSequence " + STATE
            + " pages { responder { handle } pagedAt reason answeredAt } } }";

    private static final String AS_OF = "query($id: ID!, $sequence: Int!) { incident(id: $id) { asOf(sequence: $sequence) {"
            + " sequence at event { sequence kind at } " + STATE + " unansweredPages { responder { handle } pagedAt reason } } } }";

    @Autowired
    MovableClock clock;

    @Autowired
    DisciplineSweeper sweeper;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    private final List<Map<String, Object>> recorded = new ArrayList<>();
    private String key;

    /**
     * The incident as the API reports it now, with the sequence read in the same query: whatever the
     * rules of command recorded in between is part of it. Unanswered pages are the pages without an answer.
     */
    private Map<String, Object> live() {
        Map<String, Object> incident = new LinkedHashMap<>(as("alice").document(LIVE).variable("id", key).execute()
                .path("incident").entity(MAP).get());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pages = (List<Map<String, Object>>) incident.remove("pages");
        incident.put("unansweredPages", pages.stream().filter(page -> page.get("answeredAt") == null)
                .map(page -> {
                    Map<String, Object> unanswered = new LinkedHashMap<>(page);
                    unanswered.remove("answeredAt");
                    return unanswered;
                }).toList());
        return incident;
    }

    private Map<String, Object> asOf(int sequence) {
        return new LinkedHashMap<>(as("zoe", "VIEWER").document(AS_OF).variable("id", key).variable("sequence", sequence)
                .execute().path("incident.asOf").entity(MAP).get());
    }

    private void record() {
        recorded.add(live());
    }

    /** One mutation by {@code who}, then the state it left. */
    private void step(String who, String mutation, Map<String, Object> input) {
        Map<String, Object> withIncident = new LinkedHashMap<>(input);
        if (!input.containsKey("taskId")) {
            withIncident.putIfAbsent("incidentId", key);
        }
        mutate(as(who), mutation, withIncident, "");
        record();
    }

    private String task(String who, String kind, String title, String assignee) {
        String id = createTask(as(who), key, kind, title, assignee);
        record();
        return id;
    }

    /** Time passes and the rules of command look at the incident; what they record is a state too. */
    private void pass(Duration time) {
        clock.advance(time);
        sweeper.sweep().block(Duration.ofSeconds(30));
        record();
    }

    private String inAnHour(int hours) {
        return clock.instant().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void everyStateOfALongIncidentIsRebuiltExactlyFromItsTimeline() {
        key = mutate(as("alice"), "declareIncident", Map.of("title", "Checkout errors in EU", "severity", "SEV2",
                        "externalRef", "ALERT-981", "callUrl", "https://meet.example/checkout",
                        "impact", Map.of("summary", "Some EU checkouts fail", "reproducible", "YES",
                                "frequency", "INTERMITTENT", "scope", "SUBSET", "affectedUsers", "EU web shop")),
                "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        record();

        step("alice", "pageResponder", Map.of("responder", "ann", "name", "Ann Lee", "reason", "IC on call"));
        step("alice", "pageResponder", Map.of("responder", "bob", "reason", "Owns checkout"));
        step("alice", "pageResponder", Map.of("responder", "dan", "reason", "Owns the payment gateway"));
        step("alice", "assignCommander", Map.of("commander", "ann"));
        step("bob", "joinIncident", Map.of());
        step("cat", "joinIncident", Map.of("role", "SCRIBE"));
        step("ann", "joinIncident", Map.of("responder", "eve", "role", "COMMUNICATIONS_LEAD"));
        step("ann", "changeSeverity", Map.of("severity", "SEV1", "reason", "Every EU checkout fails"));
        step("ann", "updateImpact", Map.of("impact", Map.of("frequency", "EVERY_TIME", "retriesSucceed", "NO")));
        step("ann", "changeStatus", Map.of("status", "INVESTIGATING"));

        String logs = task("ann", "INFORMATION_GATHERING", "Pull the gateway logs", "bob");
        step("ann", "rescheduleTask", Map.of("taskId", logs, "dueAt", inAnHour(1), "reason", "Logs are slow to load"));
        step("bob", "acknowledgeTask", Map.of("taskId", logs));
        String rollback = task("ann", "MITIGATION", "Roll back release 412", "dan");
        step("dan", "acknowledgeTask", Map.of("taskId", rollback));
        step("ann", "reassignTask", Map.of("taskId", rollback, "assignee", "bob", "reason", "Dan is not on the call"));
        step("bob", "startTask", Map.of("taskId", rollback, "dueAt", inAnHour(1)));
        step("bob", "rescheduleTask", Map.of("taskId", rollback, "dueAt", inAnHour(2), "reason", "Rollout is slow"));
        step("bob", "startTask", Map.of("taskId", logs));
        step("cat", "addNote", Map.of("body", "Release 412 went out at 09:58"));
        step("ann", "postUpdate", Map.of("audience", "INTERNAL", "body", "Rolling back release 412"));
        step("bob", "completeTask", Map.of("taskId", rollback, "resolution", "Rolled back"));
        step("bob", "recordMitigationOutcome", Map.of("taskId", rollback, "outcome", "EFFECTIVE", "evidence", "Errors down"));
        step("bob", "completeTask", Map.of("taskId", logs, "resolution", "Bad gateway timeout in 412"));
        String statusPage = task("ann", "CUSTOMER_COMMS", "Update the status page", "eve");
        step("eve", "acknowledgeTask", Map.of("taskId", statusPage));
        step("ann", "cancelTask", Map.of("taskId", statusPage, "reason", "Not visible to customers after all"));
        step("ann", "changeSeverity", Map.of("severity", "SEV2", "reason", "EU recovering"));
        step("ann", "editIncident", Map.of("title", "Checkout errors in EU after release 412",
                "callUrl", "https://meet.example/checkout-2"));
        step("ann", "handOverCommand", Map.of("to", "cat", "notes", "Rolled back; watching errors"));

        // Nobody is working now: the rules find the incident stalled, and dan's page unanswered.
        pass(Duration.ofMinutes(3));
        pass(Duration.ofMinutes(10));
        String call = task("cat", "COORDINATION", "Run the call", "bob");
        step("bob", "acknowledgeTask", Map.of("taskId", call));
        step("ann", "takeCommand", Map.of("reason", "Cat dropped off the call"));
        step("eve", "leaveIncident", Map.of());
        step("ann", "changeStatus", Map.of("status", "MITIGATING"));
        step("ann", "postUpdate", Map.of("audience", "EXTERNAL", "body", "Checkout is recovering in the EU"));
        step("bob", "completeTask", Map.of("taskId", call));
        step("ann", "changeStatus", Map.of("status", "MONITORING", "monitoringWindowMinutes", 30));
        step("ann", "changeStatus", Map.of("status", "RESOLVED", "reason", "Payments team confirmed the fix"));

        step("ann", "changeStatus", Map.of("status", "INVESTIGATING", "reason", "Errors are back"));
        step("bob", "joinIncident", Map.of("role", "SUBJECT_MATTER_EXPERT"));
        step("ann", "updateImpact", Map.of("impact", Map.of("summary", "All checkouts fail", "scope", "ALL_USERS")));
        String flag = task("ann", "MITIGATION", "Turn off the new gateway flag", "bob");
        step("bob", "startTask", Map.of("taskId", flag));
        step("bob", "completeTask", Map.of("taskId", flag, "outcome", "INEFFECTIVE", "resolution", "Flag off"));
        step("ann", "recordMitigationOutcome", Map.of("taskId", flag, "outcome", "EFFECTIVE", "evidence", "Took a while"));
        step("ann", "editIncident", Map.of("externalRef", "ALERT-982"));
        step("cat", "addNote", Map.of("kind", "LINK", "body", "Error dashboard", "url", "https://grafana.example/d/checkout"));
        step("ann", "changeStatus", Map.of("status", "MONITORING", "monitoringWindowMinutes", 1));
        pass(Duration.ofMinutes(2));
        step("bob", "reportRecurrence", Map.of("description", "A few errors again"));
        step("ann", "changeStatus", Map.of("status", "MONITORING", "monitoringWindowMinutes", 1));
        pass(Duration.ofMinutes(2));
        step("ann", "changeStatus", Map.of("status", "RESOLVED"));
        String postmortem = task("ann", "FOLLOW_UP", "Write the postmortem", "cat");
        step("cat", "acknowledgeTask", Map.of("taskId", postmortem));
        step("cat", "completeTask", Map.of("taskId", postmortem, "resolution", "Published"));
        step("ann", "addNote", Map.of("body", "Postmortem reviewed"));

        int last = (int) recorded.get(recorded.size() - 1).get("lastSequence");
        assertThat(last).isGreaterThanOrEqualTo(55);
        List<String> kinds = as("alice").documentName("timeline").variable("id", key).variable("first", 100).execute()
                .path("incident.timeline.edges[*].node.kind").entityList(String.class).get();
        assertThat(kinds).contains("INCIDENT_STALLED", "INCIDENT_UNSTALLED", "PAGE_UNANSWERED", "COMMAND_HANDED_OVER",
                "COMMAND_TAKEN", "INCIDENT_REOPENED", "INCIDENT_EDITED", "MONITORING_WINDOW_ENDED", "TASK_RESCHEDULED");
        // The states the test went through differ where it matters: stalled and not, resolved and reopened.
        assertThat(recorded).extracting(state -> state.get("stalled")).contains(true, false);
        assertThat(recorded).extracting(state -> state.get("status")).contains("RESOLVED", "INVESTIGATING", "MONITORING");

        for (Map<String, Object> state : recorded) {
            Map<String, Object> expected = new LinkedHashMap<>(state);
            int sequence = (int) expected.remove("lastSequence");
            Map<String, Object> rebuilt = asOf(sequence);
            assertThat(rebuilt.remove("sequence")).isEqualTo(sequence);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) rebuilt.remove("event");
            assertThat(event.get("sequence")).isEqualTo(sequence);
            assertThat(rebuilt.remove("at")).isEqualTo(event.get("at"));
            // Roles are stamped with the time of the change that opened them, which is the time of its events,
            // so `since` is compared too.
            assertThat(rebuilt).as("the incident as of %d", sequence).isEqualTo(expected);
        }
    }

    @Test
    void asOfTheDeclarationIsWhatWasDeclared() {
        key = mutate(as("alice"), "declareIncident", Map.of("title", "Search is slow", "severity", "SEV3",
                        "callUrl", "https://meet.example/search", "commander", "ann",
                        "impact", Map.of("summary", "Search takes 10s", "scope", "ALL_USERS")),
                "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        Map<String, Object> declared = asOf(1);
        assertThat(declared).containsEntry("sequence", 1)
                .containsEntry("title", "Search is slow")
                .containsEntry("severity", "SEV3")
                .containsEntry("status", "DECLARED")
                .containsEntry("active", true)
                .containsEntry("callUrl", "https://meet.example/search")
                .containsEntry("stalled", false)
                .containsEntry("tasks", List.of())
                .containsEntry("participants", List.of());
        Map<String, Object> stated = new LinkedHashMap<>();
        stated.put("summary", "Search takes 10s");
        stated.put("reproducible", "UNKNOWN");
        stated.put("frequency", "UNKNOWN");
        stated.put("retriesSucceed", "UNKNOWN");
        stated.put("scope", "ALL_USERS");
        stated.put("affectedUsers", null);
        assertThat(declared.get("impact")).isEqualTo(stated);
        assertThat(((Map<?, ?>) declared.get("event")).get("kind")).isEqualTo("INCIDENT_DECLARED");
        // A commander named at declaration is recorded by the next event, in the same change.
        assertThat(declared.get("commander")).isNull();
        Map<String, Object> commanded = asOf(2);
        assertThat(commanded.get("commander")).isEqualTo(Map.of("handle", "ann"));
        assertThat(commanded.get("participants")).isEqualTo(List.of(
                Map.of("responder", Map.of("handle", "ann"), "role", "COMMANDER", "since", commanded.get("at"))));
    }

    @Test
    void aDeclarationRecordedBeforeItKeptTheImpactTakesItFromWhatFollowed() {
        assumeTrue(db.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                .map(row -> row.get(0, Boolean.class)).one().block(), "needs to write past the timeline's append-only guard");
        Map<String, Object> declaredImpact = Map.of("summary", "Uploads fail", "scope", "SUBSET", "affectedUsers", "Android");
        String updated = mutate(as("alice"), "declareIncident", Map.of("title", "Uploads fail", "severity", "SEV3",
                "impact", declaredImpact), "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        mutate(as("alice"), "updateImpact", Map.of("incidentId", updated, "impact", Map.of("scope", "ALL_USERS")), "");
        String unchanged = mutate(as("alice"), "declareIncident", Map.of("title", "Downloads fail", "severity", "SEV3",
                "impact", declaredImpact), "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        forgetDeclaredImpact(updated);
        forgetDeclaredImpact(unchanged);

        for (String incident : List.of(updated, unchanged)) {
            key = incident;
            assertThat(as("alice").documentName("timeline").variable("id", key).execute()
                    .path("incident.timeline.edges[0].node.details").entity(MAP).get()).doesNotContainKey("impact");
            @SuppressWarnings("unchecked")
            Map<String, Object> impact = (Map<String, Object>) asOf(1).get("impact");
            assertThat(impact).containsEntry("summary", "Uploads fail").containsEntry("scope", "SUBSET")
                    .containsEntry("affectedUsers", "Android");
        }
        key = updated;
        assertThat(((Map<?, ?>) asOf(2).get("impact")).get("scope")).isEqualTo("ALL_USERS");
    }

    /** Makes the declaration read as those recorded before declarations kept the impact. */
    private void forgetDeclaredImpact(String incident) {
        // The timeline is append-only; a replica session role skips that guard for this one statement.
        db.sql("""
                DO $$ BEGIN
                    SET LOCAL session_replication_role = replica;
                    UPDATE timeline_event SET details = details - 'impact'
                    WHERE kind = 'INCIDENT_DECLARED' AND incident_id = (SELECT id FROM incident WHERE key = '%s');
                END $$""".formatted(incident)).then().block();
    }

    @Test
    void aSequenceOutsideTheTimelineIsAnErrorThatSaysWhichAreValid() {
        key = mutate(as("alice"), "declareIncident", Map.of("title", "Queue backlog", "severity", "SEV4"),
                "incident { key lastSequence }").path("declareIncident.incident.key").entity(String.class).get();
        mutate(as("alice"), "changeSeverity", Map.of("incidentId", key, "severity", "SEV3", "reason", "Growing"), "");
        for (int sequence : new int[] {0, -1, 3, Integer.MAX_VALUE}) {
            as("alice").document(AS_OF).variable("id", key).variable("sequence", sequence).execute()
                    .errors().expect(error -> error.getMessage().equals("'sequence' must be between 1 and 2 (the last event of "
                            + key + "), got " + sequence + ".")
                            && "BAD_REQUEST".equals(error.getExtensions().get("classification"))
                            && error.getPath().equals("incident.asOf"))
                    .verify()
                    .path("incident").valueIsNull();
        }
        as("alice").document(AS_OF).variable("id", key).variable("sequence", 2).execute()
                .path("incident.asOf.severity").entity(String.class).isEqualTo("SEV3");
    }

    @Test
    void respondersAreLoadedTogetherHoweverManyTheStateNames() {
        key = mutate(as("alice"), "declareIncident", Map.of("title", "Login loops", "severity", "SEV2", "commander", "ann"),
                "incident { key }").path("declareIncident.incident.key").entity(String.class).get();
        int one = addPeopleAndWork(0, 1);
        double few = statementsFor(one);
        int twelve = addPeopleAndWork(1, 12);
        double many = statementsFor(twelve);
        assertThat(asOf(twelve).get("tasks")).asList().hasSize(12);
        assertThat(asOf(twelve).get("participants")).asList().hasSize(13);
        assertThat(asOf(twelve).get("unansweredPages")).asList().hasSize(12);
        assertThat(many).isEqualTo(few);
    }

    /** Someone joins, someone gets a task, someone is paged, for each of {@code from} to {@code to}; the last sequence. */
    private int addPeopleAndWork(int from, int to) {
        for (int i = from; i < to; i++) {
            mutate(as("r" + i), "joinIncident", Map.of("incidentId", key), "");
            createTask(as("ann"), key, "INFORMATION_GATHERING", "Look at " + i, "t" + i);
            mutate(as("alice"), "pageResponder", Map.of("incidentId", key, "responder", "p" + i), "");
        }
        return as("alice").document(LIVE).variable("id", key).execute().path("incident.lastSequence").entity(Integer.class).get();
    }

    /**
     * How many SQL statements the server runs for one {@code asOf} query: the fewest of a few tries,
     * as work in the background (the live feed, the outbox) may add some at any time.
     */
    private double statementsFor(int sequence) {
        double fewest = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            double before = meters.counter("incident_command.database.statements").count();
            asOf(sequence);
            fewest = Math.min(fewest, meters.counter("incident_command.database.statements").count() - before);
        }
        return fewest;
    }
}
