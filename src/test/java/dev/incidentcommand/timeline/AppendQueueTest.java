package dev.incidentcommand.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.incidentcommand.communication.CommunicationEvent.NoteAdded;
import dev.incidentcommand.communication.NoteKind;
import dev.incidentcommand.database.RowInsert;
import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.timeline.TimelineRepository.LockingAppend;
import dev.incidentcommand.timeline.TimelineRepository.NewEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static dev.incidentcommand.support.Api.declare;
import static dev.incidentcommand.support.Api.mutate;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes that arrive together are written together: one statement locks their incidents and
 * writes them all, each incident's sequences still gapless, and one note's fault stays its own.
 */
class AppendQueueTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    AppendQueue queue;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConnectionFactory connections;

    @Test
    void notesArrivingTogetherShareStatementsAndEachIncidentStaysGapless() {
        List<Incident> incidents = IntStream.range(0, 3)
                .mapToObj(i -> incident(declare(as("queue-writer"), "Queue test " + i, "SEV4"))).toList();
        long author = responder("queue-writer");
        List<LockingAppend> appends = IntStream.range(0, 30)
                .mapToObj(i -> note(incidents.get(i % 3), author, "note " + i)).toList();

        double before = meters.counter("incident_command.database.statements").count();
        List<Optional<Integer>> written = Flux.fromIterable(appends)
                .flatMapSequential(append -> queue.append(append).map(Optional::of).defaultIfEmpty(Optional.empty()), appends.size())
                .collectList().block(PATIENCE);
        double statements = meters.counter("incident_command.database.statements").count() - before;

        // All 30 are written, in fewer statements than notes: the first alone, the rest gathered behind it.
        assertThat(statements).isLessThan(appends.size());
        for (int i = 0; i < 3; i++) {
            Incident incident = incidents.get(i);
            List<Integer> lastSequences = new ArrayList<>();
            for (int a = i; a < appends.size(); a += 3) {
                lastSequences.add(written.get(a).orElseThrow());
            }
            // Each note its own sequence, in the order the notes arrived, right after what the incident had.
            assertThat(lastSequences).containsExactlyElementsOf(
                    IntStream.rangeClosed(incident.lastSequence() + 1, incident.lastSequence() + 10).boxed().toList());
            assertThat(sequences(incident.id())).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, incident.lastSequence() + 10).boxed().toList());
            List<String> bodies = IntStream.iterate(i, a -> a < appends.size(), a -> a + 3).mapToObj(a -> "note " + a).toList();
            assertThat(notes(incident.id())).containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(summaries(incident.id(), incident.lastSequence())).containsExactlyElementsOf(
                    bodies.stream().map(body -> "noted: " + body).toList());
        }
    }

    @Test
    void aNoteTheDatabaseRefusesFailsAloneAndTheOthersAreWritten() {
        Incident incident = incident(declare(as("queue-refused"), "Queue refusal", "SEV4"));
        long author = responder("queue-refused");
        // The seventh names an author who does not exist: its row breaks a foreign key.
        List<LockingAppend> appends = IntStream.range(0, 12)
                .mapToObj(i -> note(incident, i == 6 ? -1 : author, "note " + i)).toList();

        List<String> outcomes = Flux.fromIterable(appends)
                .flatMapSequential(append -> queue.append(append).map(sequence -> "written")
                        .onErrorResume(DataIntegrityViolationException.class, refused -> Mono.just("refused")), appends.size())
                .collectList().block(PATIENCE);

        assertThat(outcomes).containsExactlyElementsOf(
                IntStream.range(0, 12).mapToObj(i -> i == 6 ? "refused" : "written").toList());
        assertThat(sequences(incident.id())).containsExactlyElementsOf(
                IntStream.rangeClosed(1, incident.lastSequence() + 11).boxed().toList());
        assertThat(notes(incident.id())).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 12).filter(i -> i != 6).mapToObj(i -> "note " + i).toList());
    }

    @Test
    void aNoteNamingTheIncidentByAnotherKeyWritesNothing() {
        Incident incident = incident(declare(as("queue-key"), "Queue key", "SEV4"));
        long author = responder("queue-key");
        Incident misnamed = new Incident(incident.id(), incident.key() + "-not", incident.lastSequence());
        List<LockingAppend> appends = IntStream.range(0, 8)
                .mapToObj(i -> note(i % 2 == 1 ? misnamed : incident, author, "note " + i)).toList();

        List<Optional<Integer>> written = Flux.fromIterable(appends)
                .flatMapSequential(append -> queue.append(append).map(Optional::of).defaultIfEmpty(Optional.empty()), appends.size())
                .collectList().block(PATIENCE);

        assertThat(IntStream.range(0, 8).filter(i -> i % 2 == 1).mapToObj(written::get)).allMatch(Optional::isEmpty);
        assertThat(IntStream.range(0, 8).filter(i -> i % 2 == 0).mapToObj(i -> written.get(i).orElseThrow()).toList())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(incident.lastSequence() + 1, incident.lastSequence() + 4).boxed().toList());
        assertThat(sequences(incident.id())).containsExactlyElementsOf(
                IntStream.rangeClosed(1, incident.lastSequence() + 4).boxed().toList());
        assertThat(notes(incident.id())).containsExactlyInAnyOrder("note 0", "note 2", "note 4", "note 6");
    }

    /**
     * A statement never waits for a lock: an incident another change holds is skipped (its note
     * comes back unwritten, for the caller's full path to wait for), and notes on every other
     * incident are not held up behind it.
     */
    @Test
    void anIncidentAnotherChangeHoldsIsSkippedAndNotesOnOthersGoOn() {
        Incident held = incident(declare(as("queue-held"), "Queue held", "SEV4"));
        Incident free = incident(declare(as("queue-held"), "Queue free", "SEV4"));
        long author = responder("queue-held");
        Connection holder = Mono.from(connections.create()).block(PATIENCE);
        try {
            hold(holder, held);
            List<Optional<Integer>> written = Flux.just(note(held, author, "on the held one"), note(free, author, "on the free one"))
                    .flatMapSequential(append -> queue.append(append).map(Optional::of).defaultIfEmpty(Optional.empty()))
                    .collectList().block(PATIENCE);
            assertThat(written).containsExactly(Optional.empty(), Optional.of(free.lastSequence() + 1));
        } finally {
            Mono.from(holder.rollbackTransaction()).then(Mono.from(holder.close())).block(PATIENCE);
        }
        assertThat(notes(held.id())).isEmpty();
        assertThat(notes(free.id())).containsExactly("on the free one");
    }

    /** Through the API, a note on an incident another change holds waits its turn and is written after it. */
    @Test
    void aNoteOnAHeldIncidentWaitsForItAndIsWritten() {
        HttpGraphQlTester writer = as("queue-waiter");
        String key = declare(writer, "Queue waiting", "SEV4");
        // The first note makes the incident and the author known here: the next may share a statement.
        mutate(writer, "addNote", Map.of("incidentId", key, "body", "first"), "note { id }");
        Incident incident = incident(key);
        Connection holder = Mono.from(connections.create()).block(PATIENCE);
        CompletableFuture<Integer> second;
        try {
            hold(holder, incident);
            second = client(port, "queue-waiter")
                    .document("mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }")
                    .variable("input", Map.of("incidentId", key, "body", "second")).execute()
                    .map(response -> response.field("addNote.userErrors").toEntityList(Object.class).size())
                    .toFuture();
            // The note goes the full path, which waits for the lock.
            await().atMost(PATIENCE).until(() -> waitingForLocks() > 0);
            assertThat(second).isNotDone();
        } finally {
            Mono.from(holder.rollbackTransaction()).then(Mono.from(holder.close())).block(PATIENCE);
        }
        assertThat(second).succeedsWithin(PATIENCE).isEqualTo(0);
        assertThat(notes(incident.id())).containsExactly("first", "second");
        assertThat(sequences(incident.id())).containsExactlyElementsOf(
                IntStream.rangeClosed(1, incident.lastSequence() + 1).boxed().toList());
    }

    private static void hold(Connection holder, Incident incident) {
        Mono.from(holder.beginTransaction())
                .thenMany(Flux.from(holder.createStatement("SELECT id FROM incident WHERE id = $1 FOR UPDATE")
                        .bind("$1", incident.id()).execute()).flatMap(result -> result.map((row, meta) -> 1)))
                .blockLast(PATIENCE);
    }

    private long waitingForLocks() {
        return db.sql("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .map(row -> row.get("n", Long.class)).one().block(PATIENCE);
    }

    private record Incident(long id, String key, int lastSequence) {
    }

    private Incident incident(String key) {
        return db.sql("SELECT id, last_sequence FROM incident WHERE key = :key").bind("key", key)
                .map(row -> new Incident(row.get("id", Long.class), key, row.get("last_sequence", Integer.class)))
                .one().block(PATIENCE);
    }

    private long responder(String handle) {
        return db.sql("SELECT id FROM responder WHERE handle = :handle").bind("handle", handle)
                .map(row -> row.get("id", Long.class)).one().block(PATIENCE);
    }

    private static LockingAppend note(Incident incident, long author, String body) {
        Instant at = Instant.now();
        NoteAdded added = new NoteAdded("note", NoteKind.TEXT, body, null);
        RowInsert row = RowInsert.into("note")
                .value("incident_id", incident.id())
                .value("kind", NoteKind.TEXT.name())
                .value("body", body)
                .value("author_id", author)
                .value("added_at", at)
                .build();
        return new LockingAppend(incident.id(), incident.key(), List.of(new NewEvent(added, author, "noted: " + body)),
                List.of(row), at);
    }

    private List<Integer> sequences(long incidentId) {
        return db.sql("SELECT sequence FROM timeline_event WHERE incident_id = :id ORDER BY sequence").bind("id", incidentId)
                .map(row -> row.get("sequence", Integer.class)).all().collectList().block(PATIENCE);
    }

    private List<String> summaries(long incidentId, int afterSequence) {
        return db.sql("SELECT summary FROM timeline_event WHERE incident_id = :id AND sequence > :after ORDER BY sequence")
                .bind("id", incidentId).bind("after", afterSequence)
                .map(row -> row.get("summary", String.class)).all().collectList().block(PATIENCE);
    }

    private List<String> notes(long incidentId) {
        return db.sql("SELECT body FROM note WHERE incident_id = :id ORDER BY id").bind("id", incidentId)
                .map(row -> row.get("body", String.class)).all().collectList().block(PATIENCE);
    }
}
