package dev.incidentcommand.live;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.incidentcommand.timeline.TimelineEvent;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class FeedSubscriptionTest {

    private static Broadcast event(int sequence) {
        return new Broadcast(Shared.of(new TimelineEvent(sequence, 1, sequence, TimelineEventKind.NOTE_ADDED, Instant.EPOCH, 1,
                "note", "{}")), Shared.of(null), true, false);
    }

    @Test
    void slowSubscriberIsEndedInsteadOfBufferingWithoutBound() {
        AtomicBoolean removed = new AtomicBoolean();
        FeedSubscription subscription = new FeedSubscription(b -> true, 8, () -> removed.set(true));
        StepVerifier.create(subscription.flux(), 0)
                .then(() -> {
                    for (int i = 1; i <= 20; i++) {
                        subscription.offer(event(i));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(8)
                .expectError(FellBehind.class)
                .verify(Duration.ofSeconds(5));
        assertThat(removed).isTrue();
    }

    @Test
    void filterDecidesWhatASubscriberReceives() {
        FeedSubscription subscription = new FeedSubscription(b -> b.timelineEvent().sequence() % 2 == 0, 8, () -> { });
        for (int i = 1; i <= 6; i++) {
            subscription.offer(event(i));
        }
        StepVerifier.create(subscription.flux().map(b -> b.timelineEvent().sequence()))
                .expectNext(2, 4, 6)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
