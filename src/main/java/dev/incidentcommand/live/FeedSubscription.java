package dev.incidentcommand.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One subscriber's view of the feed: its filter and a bounded buffer. The feed never waits for a
 * subscriber; one whose buffer is full is ended with {@link FellBehind}.
 */
final class FeedSubscription {

    private final Predicate<Broadcast> filter;
    private final Sinks.Many<Broadcast> sink;
    private final int buffer;
    /** Offered and not yet taken by the subscriber. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Runnable onEnd;
    private volatile boolean ended;

    FeedSubscription(Predicate<Broadcast> filter, int buffer, Runnable onEnd) {
        this.filter = filter;
        // A queue that grows in small chunks: an idle subscriber (most of them) holds a few hundred
        // bytes rather than an array as long as the whole allowance.
        this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Broadcast>unbounded(16).get());
        this.buffer = buffer;
        this.onEnd = onEnd;
    }

    /** Called only from the feed's single reader; true when the subscriber takes the event. */
    boolean offer(Broadcast broadcast) {
        if (ended || !filter.test(broadcast)) {
            return false;
        }
        if (waiting.incrementAndGet() > buffer) {
            close(new FellBehind("This subscription fell too far behind the live timeline and was ended."));
            return false;
        }
        // The queue is unbounded (the counter above bounds it): a failure here means the subscriber left.
        Sinks.EmitResult result = sink.tryEmitNext(broadcast);
        if (result.isFailure()) {
            end();
        }
        return result.isSuccess();
    }

    Flux<Broadcast> flux() {
        return sink.asFlux().doOnNext(taken -> waiting.decrementAndGet()).doFinally(signal -> end());
    }

    /** Ends the subscription with {@code reason}, which its client receives. */
    void close(RuntimeException reason) {
        end();
        sink.tryEmitError(reason);
    }

    void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
