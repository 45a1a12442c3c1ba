package dev.incidentcommand.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.incidentcommand.timeline.TimelineRepository.LockingAppend;
import io.r2dbc.spi.R2dbcException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Appends that lock their incident ({@link TimelineRepository#appendLocking}), written together:
 * an append that arrives while a statement is on its way waits for it, and then goes with every
 * other append that waited, in one statement and one commit. When the database is idle an append
 * goes at once, alone; under load PostgreSQL locks, writes and commits many notes for little more
 * than the cost of one. The statement never waits for a lock (it skips incidents other changes
 * hold, whose appends come back unwritten), so one statement at a time is enough.
 */
@Component
public class AppendQueue {

    /** Appends in one statement, at most: a few hundred bound values. */
    static final int MOST_TOGETHER = 32;
    /**
     * How long a statement may go unanswered (a connection gone silent) before its appends fail,
     * rather than hold up every append after them; PostgreSQL ends a slow one sooner (statement_timeout).
     */
    static final Duration UNANSWERED = Duration.ofMinutes(1);

    private final TimelineRepository timeline;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    AppendQueue(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    /**
     * Writes {@code append} once its turn comes, committed when the returned Mono emits: the
     * append's last sequence, or empty, with nothing written, when no incident has both its id and key.
     */
    public Mono<Integer> append(LockingAppend append) {
        return Mono.create(sink -> {
            waiting.add(new Waiting(append, sink));
            send();
        });
    }

    /** Sends what waits, unless a statement is on its way: that one sends the rest when it is done. */
    private void send() {
        while (!waiting.isEmpty() && sending.compareAndSet(false, true)) {
            // Only the holder of `sending` takes from the queue, so what it saw waiting is still there.
            List<Waiting> together = take();
            write(together).subscribe(answer -> {
                // The next statement goes before the answers: answering runs each request on to its response.
                sending.set(false);
                send();
                answer.run();
            });
        }
    }

    /**
     * Up to {@link #MOST_TOGETHER} waiting appends, oldest first. One statement names each
     * incident by one key; an append naming an incident by another (which no incident can have:
     * ids and keys never change) waits for the next statement.
     */
    private List<Waiting> take() {
        List<Waiting> together = new ArrayList<>();
        Map<Long, String> keys = new HashMap<>();
        List<Waiting> later = new ArrayList<>();
        Waiting next;
        while (together.size() < MOST_TOGETHER && (next = waiting.poll()) != null) {
            String key = keys.putIfAbsent(next.append().incidentId(), next.append().key());
            (key == null || key.equals(next.append().key()) ? together : later).add(next);
        }
        waiting.addAll(later);
        return together;
    }

    /**
     * Writes the appends in one statement, and emits how to answer each. If PostgreSQL refuses the
     * statement (so nothing was written), each append is tried alone, so that one append's fault
     * is its own. Any other failure is every one's answer. Never fails itself.
     */
    private Mono<Runnable> write(List<Waiting> together) {
        return Mono.defer(() -> timeline.appendLocking(together.stream().map(Waiting::append).toList()))
                .timeout(UNANSWERED)
                .<Runnable>map(written -> () -> {
                    for (int i = 0; i < together.size(); i++) {
                        together.get(i).answer(written.get(i));
                    }
                })
                .onErrorResume(error -> together.size() > 1 && refusedByDatabase(error)
                        ? Flux.fromIterable(together).concatMap(one -> write(List.of(one))).collectList()
                                .map(answers -> () -> answers.forEach(Runnable::run))
                        : Mono.just(() -> together.forEach(one -> one.sink().error(error))));
    }

    /** Whether PostgreSQL answered the statement with an error, which rolled all of it back. */
    private static boolean refusedByDatabase(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException refused && refused.getSqlState() != null) {
                return true;
            }
        }
        return false;
    }

    private record Waiting(LockingAppend append, MonoSink<Integer> sink) {

        void answer(Optional<Integer> lastSequence) {
            lastSequence.ifPresentOrElse(sink::success, sink::success);
        }
    }
}
