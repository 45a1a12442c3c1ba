package dev.incidentcommand.people;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Selections;
import dev.incidentcommand.common.Shortcut;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.stereotype.Component;

/**
 * Who the responders this instance has read are: their handles, by id. A handle never changes
 * and no responder is ever deleted, so nothing remembered here goes stale, whichever instance
 * changed what. Fields that only ask who a responder is ({@code assignee { handle }} on every
 * task of a board) are answered from here; a name, which can change, is always read. A responder
 * read inside a change that then rolled back is remembered too: its id came from a sequence,
 * which never hands it out again, so no row will ever name it.
 */
@Component
public class ResponderIdentities {

    /** Enough for every responder of a large organisation; past it, start over rather than grow. */
    private static final int CAPACITY = 20_000;

    private static final Set<String> IDENTITY_FIELDS = Set.of("id", "handle");

    /** A responder known by id and handle only: what a field asking nothing else needs. */
    record Identity(long id, String handle) implements Ids.Row {
    }

    private final ConcurrentHashMap<Long, String> handles = new ConcurrentHashMap<>();

    void remember(Responder responder) {
        if (handles.size() >= CAPACITY) {
            handles.clear();
        }
        handles.put(responder.id(), responder.handle());
    }

    /**
     * A shortcut for the responder field at {@code coordinates} ({@code "Task.assignee"}): when
     * the query asks only the responder's {@code id} or {@code handle} and this instance knows
     * the responder {@code responderId} gives for the parent, the answer needs no reading.
     */
    public <T> Shortcut byId(String coordinates, Function<T, Long> responderId) {
        return new Shortcut() {
            @Override
            public String coordinates() {
                return coordinates;
            }

            @Override
            public Object answer(DataFetchingEnvironment environment) {
                Long id = responderId.apply(environment.getSource());
                if (id == null || !Selections.asksOnly(environment, IDENTITY_FIELDS)) {
                    return null;
                }
                String handle = handles.get(id);
                return handle == null ? null : new Identity(id, handle);
            }
        };
    }
}
