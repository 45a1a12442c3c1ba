package dev.incidentcommand.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.incidentcommand.notify.Outbox.Notification;
import dev.incidentcommand.timeline.TimelineAppended;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * Sends what the outbox holds. Every instance looks for due notifications on a schedule and
 * right after its own commits; each is claimed by one instance (SKIP LOCKED), sent, then marked
 * delivered, or scheduled again with a growing wait. Within one channel and incident nothing is
 * sent before everything earlier is delivered, so receivers see events in order. Each carries a
 * stable delivery id, so a receiver can drop the rare repeat (a sender dying after sending).
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final ChannelRepository channels;
    private final NotificationProperties settings;
    private final Clock clock;
    private final WebClient http;
    private final Notifier notifier;
    // Subscribed again on every start (a stopped and restarted context), so not a unicast sink; a
    // wake-up nobody listens for is not lost work, since the next poll looks anyway.
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Instant startedAt = Instant.now();
    private volatile Instant lastLookAt;
    private Disposable running;

    Dispatcher(Outbox outbox, ChannelRepository channels, NotificationProperties settings, Clock clock, Notifier notifier) {
        this.notifier = notifier;
        this.outbox = outbox;
        this.channels = channels;
        this.settings = settings;
        this.clock = clock;
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.timeout().toMillis(), Integer.MAX_VALUE))
                .responseTimeout(settings.timeout());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /** A change committed here that wrote notifications: they can go now rather than at the next look. */
    @EventListener
    void committed(TimelineAppended appended) {
        if (notifier.takeWritten()) {
            wakeUps.tryEmitNext(true);
        }
    }

    /** Sends everything due now, round after round until nothing is; emits how many were tried. */
    Mono<Integer> deliverDue() {
        return Mono.defer(this::oneRound)
                .repeat()
                .takeWhile(tried -> tried > 0)
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> oneRound() {
        Instant now = clock.instant();
        return outbox.claim(now, settings.lease(), settings.concurrency())
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : channels.all(true).flatMap(all -> {
                    Map<Long, NotificationChannel> byId = all.stream()
                            .collect(Collectors.toMap(NotificationChannel::id, Function.identity()));
                    return Flux.fromIterable(claimed)
                            .flatMap(notification -> send(notification, byId.get(notification.channelId())), settings.concurrency())
                            .then(Mono.just(claimed.size()));
                }));
    }

    private Mono<Void> send(Notification notification, NotificationChannel channel) {
        if (channel.removedAt() != null) {
            return outbox.discard(channel.id(), clock.instant()).then();
        }
        long timestamp = clock.instant().getEpochSecond();
        return http.post().uri(channel.url())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.set(Signatures.DELIVERY, notification.deliveryId().toString());
                    headers.set(Signatures.TIMESTAMP, Long.toString(timestamp));
                    if (channel.kind() == ChannelKind.WEBHOOK) {
                        headers.set(Signatures.SIGNATURE, Signatures.sign(channel.secret(), timestamp, notification.body()));
                    }
                })
                .bodyValue(notification.body())
                .retrieve()
                .toBodilessEntity()
                .timeout(settings.timeout())
                .then(Mono.defer(() -> {
                    Instant at = clock.instant();
                    delivered.incrementAndGet();
                    return outbox.delivered(notification.id(), at).then(channels.delivered(channel.id(), at));
                }))
                .onErrorResume(error -> {
                    Instant at = clock.instant();
                    failed.incrementAndGet();
                    String why = describe(error);
                    log.info("Notification {} to channel '{}' failed (attempt {}): {}", notification.deliveryId(), channel.name(),
                            notification.attempts(), why);
                    return outbox.failed(notification.id(), at.plus(settings.backoff(notification.attempts())), why)
                            .then(channels.failed(channel.id(), at, why));
                });
    }

    /** Whether the outbox was looked at lately; an instance that cannot reach it delivers nothing. */
    boolean keepingUp() {
        Instant since = lastLookAt != null ? lastLookAt : startedAt;
        return Instant.now().isBefore(since.plus(settings.pollInterval().multipliedBy(3)).plusSeconds(10));
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    /** Notifications not delivered yet, on all channels, as of the last look. */
    long pending() {
        return pending.get();
    }

    private String describe(Throwable error) {
        if (error instanceof WebClientResponseException response) {
            return "HTTP " + response.getStatusCode().value() + " from the receiver";
        }
        if (error instanceof TimeoutException) {
            return "no answer within " + settings.timeout().toSeconds() + " s";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    @Override
    public void start() {
        running = Flux.merge(Flux.interval(settings.pollInterval()).map(tick -> true), wakeUps.asFlux())
                .onBackpressureLatest()
                .concatMap(tick -> deliverDue()
                        .then(outbox.pending())
                        .doOnNext(left -> {
                            pending.set(left);
                            lastLookAt = Instant.now();
                        })
                        .onErrorResume(error -> {
                            log.warn("Delivering notifications failed; trying again shortly: {}", error.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
