package dev.incidentcommand.common;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Background work repeated on a schedule: one run at a time, a failed run logged and retried next time. */
public final class Periodically {

    private static final Logger log = LoggerFactory.getLogger(Periodically.class);

    private Periodically() {
    }

    public static Disposable run(String what, Duration first, Duration every, Supplier<Mono<?>> work) {
        return Flux.interval(first, every)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(work).onErrorResume(error -> {
                    log.warn("{} failed; retrying in {}: {}", what, every, error.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }
}
