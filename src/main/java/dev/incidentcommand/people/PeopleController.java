package dev.incidentcommand.people;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Responders, their roles and their pages, as clients read them. */
@Controller
class PeopleController {

    private final ResponderRepository responders;
    private final ResponderBatches batches;

    PeopleController(ResponderRepository responders, ResponderBatches batches) {
        this.responders = responders;
        this.batches = batches;
    }

    @QueryMapping
    Mono<Responder> responder(@Argument String handle) {
        return responders.findByHandle(Inputs.normalizeHandle(handle));
    }

    @SchemaMapping(typeName = "Responder")
    String id(Responder responder) {
        return Ids.encode(Ids.Type.Responder, responder.id());
    }

    @SchemaMapping(typeName = "Page", field = "id")
    String pageId(Page page) {
        return Ids.encode(Ids.Type.Page, page.id());
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
