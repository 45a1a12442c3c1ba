package dev.incidentcommand.incident;

import java.util.List;
import java.util.function.Function;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserError;
import reactor.core.publisher.Mono;

/** Turns the outcome of a change into a mutation payload: the changed objects, or the refusal. */
public final class Payloads {

    private Payloads() {
    }

    public static <P> Mono<P> respond(Mono<Receipt> change, Function<Receipt, Mono<P>> done,
                                      Function<List<UserError>, P> refused) {
        return change.flatMap(done)
                .onErrorResume(Refusal.class, refusal -> Mono.just(refused.apply(refusal.errors())));
    }
}
