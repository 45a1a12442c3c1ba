package dev.incidentcommand.people;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.common.UserErrorCode;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Responders, their roles and their pages, as clients read them; and renaming a responder. */
@Controller
class PeopleController {

    record RenameResponderInput(String responder, String name) {
    }

    record RenameResponderPayload(Responder responder, List<UserError> userErrors) {
    }

    private final ResponderRepository responders;
    private final ResponderBatches batches;
    private final Clock clock;

    PeopleController(ResponderRepository responders, ResponderBatches batches, Clock clock) {
        this.responders = responders;
        this.batches = batches;
        this.clock = clock;
    }

    @QueryMapping
    Mono<Responder> responder(@Argument String handle) {
        return responders.findByHandle(Inputs.normalizeHandle(handle));
    }

    /** A display name changes only here, explicitly: by the responder themself or an ADMIN. */
    @MutationMapping
    Mono<RenameResponderPayload> renameResponder(@Argument RenameResponderInput input, @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return Mono.defer(() -> {
            Inputs inputs = new Inputs(clock.instant());
            String handle = inputs.handle("responder", input.responder());
            String name = inputs.required("name", input.name(), Inputs.NAME);
            inputs.orRefuse();
            if (!handle.equals(actor.handle()) && actor.role() != Role.ADMIN) {
                throw Refusal.onInput("responder", UserErrorCode.NOT_PERMITTED,
                        "Only " + handle + " or an ADMIN may change " + handle + "'s display name.");
            }
            return responders.findByHandle(handle)
                    .switchIfEmpty(Mono.error(() -> Refusal.onInput("responder", UserErrorCode.RESPONDER_NOT_FOUND,
                            "There is no responder '" + handle + "'.")))
                    .flatMap(found -> {
                        if (found.name().equals(name)) {
                            throw Refusal.onInput("name", UserErrorCode.NO_CHANGE, handle + " is already called " + name + ".");
                        }
                        return responders.rename(handle, name);
                    })
                    .map(renamed -> new RenameResponderPayload(renamed, List.of()));
        }).onErrorResume(Refusal.class, refusal -> Mono.just(new RenameResponderPayload(null, refusal.errors())));
    }

    @BatchMapping(typeName = "Participation")
    Mono<Map<Participation, Responder>> responder(List<Participation> list) {
        return batches.of(list, Participation::responderId);
    }

    @BatchMapping(typeName = "Page", field = "responder")
    Mono<Map<Page, Responder>> pagedResponder(List<Page> list) {
        return batches.of(list, Page::responderId);
    }

    @BatchMapping(typeName = "Page")
    Mono<Map<Page, Responder>> pagedBy(List<Page> list) {
        return batches.of(list, Page::pagedById);
    }
}
