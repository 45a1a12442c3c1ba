package dev.incidentcommand.people;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The server itself, in whose name the rules of command record reminders, stalls and the like. */
@Component
public class SystemActor {

    public static final String HANDLE = "incident-command";

    private final ResponderRepository responders;
    private volatile Responder known;

    SystemActor(ResponderRepository responders) {
        this.responders = responders;
    }

    public Mono<Responder> get() {
        Responder cached = known;
        if (cached != null) {
            return Mono.just(cached);
        }
        return responders.ensure(HANDLE).doOnNext(responder -> known = responder);
    }
}
