package dev.incidentcommand.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;

/** How a client names an incident: its opaque id or its key (e.g. {@code INC-42}). */
public sealed interface IncidentRef {

    record ById(long id) implements IncidentRef {
    }

    record ByKey(String key) implements IncidentRef {
    }

    Pattern KEY = Pattern.compile("INC-[1-9][0-9]{0,17}");

    /** Empty when the text is neither a well-formed incident id nor a key. */
    static Optional<IncidentRef> parse(String idOrKey) {
        if (idOrKey == null) {
            return Optional.empty();
        }
        String upper = idOrKey.trim().toUpperCase(Locale.ROOT);
        if (KEY.matcher(upper).matches()) {
            return Optional.of(new ByKey(upper));
        }
        return Ids.decode(Ids.Type.Incident, idOrKey.trim()).map(ById::new);
    }

    static IncidentRef of(long id) {
        return new ById(id);
    }

    /** The incident an input names, or a refusal saying the text names none. */
    static IncidentRef named(String incidentId) {
        return parse(incidentId).orElseThrow(() -> Refusal.onInput("incidentId",
                UserErrorCode.INCIDENT_NOT_FOUND, "'" + incidentId + "' is neither an incident id nor a key like INC-42."));
    }

    /** How a message names it: by key, or "with this id". */
    default String describe() {
        return this instanceof ByKey byKey ? byKey.key() : "with this id";
    }
}
