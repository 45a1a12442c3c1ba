package dev.incidentcommand.people;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
     * The responder with this handle, created if it is new. Runs in its own short statement,
     * outside any change's transaction, so that creating people never holds locks.
     */
    public Mono<Responder> ensure(String handle) {
        return db.sql("INSERT INTO responder (handle, name, created_at) VALUES (:handle, :handle, :now) ON CONFLICT (handle) DO NOTHING")
                .bind("handle", handle)
                .bind("now", clock.instant())
                .then()
                .then(findByHandle(handle));
    }

    /** Records a display name for a handle, creating the responder if needed. */
    public Mono<Responder> ensure(String handle, String name) {
        if (name == null) {
            return ensure(handle);
        }
        return db.sql("""
                        INSERT INTO responder (handle, name, created_at) VALUES (:handle, :name, :now)
                        ON CONFLICT (handle) DO UPDATE SET name = EXCLUDED.name WHERE responder.name <> EXCLUDED.name""")
                .bind("handle", handle)
                .bind("name", name)
                .bind("now", clock.instant())
                .then()
                .then(findByHandle(handle));
    }

    public Mono<Responder> findByHandle(String handle) {
        return db.sql("SELECT * FROM responder WHERE handle = :handle")
                .bind("handle", handle)
                .map(ResponderRepository::map)
                .one();
    }

    public Mono<Map<Long, Responder>> findByIds(Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT * FROM responder WHERE id = ANY(:ids)")
                .bind("ids", distinct.toArray(Long[]::new))
                .map(ResponderRepository::map)
                .all()
                .collect(Collectors.toMap(Responder::id, Function.identity()));
    }

    static Responder map(Readable row) {
        return new Responder(
                row.get("id", Long.class),
                row.get("handle", String.class),
                row.get("name", String.class),
                row.get("created_at", Instant.class));
    }
}
