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
    private final ResponderIdentities identities;

    ResponderRepository(DatabaseClient db, Clock clock, ResponderIdentities identities) {
        this.db = db;
        this.clock = clock;
        this.identities = identities;
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
                .one()
                .doOnNext(identities::remember);
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
                .doOnNext(identities::remember)
                .collect(Collectors.toMap(key, Function.identity()));
    }

    static Responder map(Readable row) {
        return read(row, Columns.TABLE);
    }

    /** A responder read from {@code columns}: null where a join found none. */
    public static Responder read(Readable row, Columns columns) {
        Long id = row.get(columns.id(), Long.class);
        return id == null ? null : new Responder(
                id,
                row.get(columns.handle(), String.class),
                row.get(columns.name(), String.class),
                row.get(columns.createdAt(), Instant.class));
    }

    /** The names a responder's columns are read under: the table's own, or the aliases a join gave them. */
    public record Columns(String id, String handle, String name, String createdAt) {

        static final Columns TABLE = prefixed("");

        /** Each column named {@code prefix} + its name, as {@link #selectFrom} reads them. */
        public static Columns prefixed(String prefix) {
            return new Columns(prefix + "id", prefix + "handle", prefix + "name", prefix + "created_at");
        }

        /** A select list reading the responder table, joined under {@code alias}, as these columns. */
        public String selectFrom(String alias) {
            return alias + ".id AS " + id + ", " + alias + ".handle AS " + handle + ", "
                    + alias + ".name AS " + name + ", " + alias + ".created_at AS " + createdAt;
        }
    }
}
