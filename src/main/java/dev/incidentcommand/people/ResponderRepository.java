package dev.incidentcommand.people;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The responder table. */
@Repository
public class ResponderRepository {

    private final DatabaseClient db;
    private final Clock clock;

    ResponderRepository(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The responder with this handle, created if it is new. Called inside the change that needs
     * the responder, so that a refused change creates nobody.
     */
    public Mono<Responder> ensure(String handle) {
        return db.sql("INSERT INTO responder (handle, name, created_at) VALUES (:handle, :handle, :now) ON CONFLICT (handle) DO NOTHING")
                .bind("handle", handle)
                .bind("now", clock.instant())
                .then()
                .then(findByHandle(handle));
    }

    /** The responder with this handle, created with this display name if new; an existing name is kept. */
    public Mono<Responder> ensure(String handle, String name) {
        if (name == null) {
            return ensure(handle);
        }
        return db.sql("""
                        INSERT INTO responder (handle, name, created_at) VALUES (:handle, :name, :now)
                        ON CONFLICT (handle) DO NOTHING""")
                .bind("handle", handle)
                .bind("name", name)
                .bind("now", clock.instant())
                .then()
                .then(findByHandle(handle));
    }

    /** Gives a responder a new display name; empty when there is no such responder. */
    public Mono<Responder> rename(String handle, String name) {
        return db.sql("UPDATE responder SET name = :name WHERE handle = :handle")
                .bind("handle", handle)
                .bind("name", name)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.<Responder>empty() : findByHandle(handle));
    }

    public Mono<Responder> findByHandle(String handle) {
        return db.sql("SELECT * FROM responder WHERE handle = :handle")
                .bind("handle", handle)
                .map(ResponderRepository::map)
                .one();
    }

    public Mono<Map<Long, Responder>> findByIds(Collection<Long> ids) {
        return findWhereAny("id", ids, Long[]::new, Responder::id);
    }

    /** The responders with these handles, in one query; handles nobody has are left out. */
    public Mono<Map<String, Responder>> findByHandles(Collection<String> handles) {
        return findWhereAny("handle", handles, String[]::new, Responder::handle);
    }

    /** One query for the responders whose {@code column} is any of {@code values}, by that value. */
    private <K> Mono<Map<K, Responder>> findWhereAny(String column, Collection<K> values, IntFunction<K[]> array,
                                                     Function<Responder, K> key) {
        List<K> distinct = values.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT * FROM responder WHERE " + column + " = ANY(:values)")
                .bind("values", distinct.toArray(array))
                .map(ResponderRepository::map)
                .all()
                .collect(Collectors.toMap(key, Function.identity()));
    }

    static Responder map(Readable row) {
        return new Responder(
                row.get("id", Long.class),
                row.get("handle", String.class),
                row.get("name", String.class),
                row.get("created_at", Instant.class));
    }
}
