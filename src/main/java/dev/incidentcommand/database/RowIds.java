package dev.incidentcommand.database;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ids for rows not yet written, from the table's own identity sequence, fetched a block at a time.
 * A change that knows its row's id before writing it can write the row and the timeline event
 * naming it in one statement: one round trip fewer while the incident's lock is held.
 * Ids are unique but, across instances, not in the order rows were written; read in order of time.
 */
@Component
public class RowIds {

    static final int BLOCK = 64;

    private final DatabaseClient db;
    private final Map<String, Queue<Long>> free = new ConcurrentHashMap<>();

    RowIds(DatabaseClient db) {
        this.db = db;
    }

    /** An id no other row of {@code table} has or will have; a rolled-back change leaves a gap, as a sequence does. */
    public Mono<Long> next(String table) {
        Queue<Long> ids = free.computeIfAbsent(table, name -> new ConcurrentLinkedQueue<>());
        Long id = ids.poll();
        if (id != null) {
            return Mono.just(id);
        }
        return db.sql("SELECT nextval(pg_get_serial_sequence(:table, 'id')) AS id FROM generate_series(1, :block)")
                .bind("table", table)
                .bind("block", BLOCK)
                .map(row -> row.get("id", Long.class))
                .all()
                .collectList()
                .map(block -> take(ids, block));
    }

    private static Long take(Queue<Long> ids, List<Long> block) {
        ids.addAll(block.subList(1, block.size()));
        return block.get(0);
    }
}
