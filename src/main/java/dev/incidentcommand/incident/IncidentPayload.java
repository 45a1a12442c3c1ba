package dev.incidentcommand.incident;

import java.util.List;

import dev.incidentcommand.incident.Payloads;
import dev.incidentcommand.incident.Receipt;
import dev.incidentcommand.common.UserError;
import reactor.core.publisher.Mono;

/** Backs every payload whose result is the incident itself (declare, severity, status, command...). */
public record IncidentPayload(Incident incident, boolean deduplicated, List<UserError> userErrors) {

    public static IncidentPayload of(Incident incident, boolean deduplicated) {
        return new IncidentPayload(incident, deduplicated, List.of());
    }

    /** The payload of a change whose result is the incident. */
    public static Mono<IncidentPayload> respond(Mono<Receipt> change, IncidentRepository incidents) {
        return Payloads.respond(change,
                receipt -> incidents.find(IncidentRef.of(receipt.incidentId()))
                        .map(incident -> of(incident, receipt.deduplicated())),
                IncidentPayload::refused);
    }

    public static IncidentPayload refused(List<UserError> errors) {
        return new IncidentPayload(null, false, errors);
    }
}
