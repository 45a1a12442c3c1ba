package dev.incidentcommand.notify;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentcommand.common.Ids;
import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserError;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.notify.Outbox.Backlog;
import dev.incidentcommand.people.Actor;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderBatches;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.timeline.TimelineEventKind;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Notification channels as admins manage them. (Only ADMIN credentials reach these fields.) */
@Controller
class NotificationController {

    record CreateNotificationChannelInput(String name, ChannelKind kind, String url, List<TimelineEventKind> events,
                                          String secret) {
    }

    record NotificationChannelInput(String channelId) {
    }

    record NotificationChannelPayload(NotificationChannel channel, List<UserError> userErrors) {
    }

    record DiscardNotificationBacklogPayload(NotificationChannel channel, Long discarded, List<UserError> userErrors) {
    }

    private static final int MIN_SECRET = 16;

    private final ChannelRepository channels;
    private final Outbox outbox;
    private final ResponderRepository responders;
    private final ResponderBatches batches;
    private final NotificationProperties settings;
    private final Clock clock;

    NotificationController(ChannelRepository channels, Outbox outbox, ResponderRepository responders,
                           ResponderBatches batches, NotificationProperties settings, Clock clock) {
        this.channels = channels;
        this.outbox = outbox;
        this.responders = responders;
        this.batches = batches;
        this.settings = settings;
        this.clock = clock;
    }

    @QueryMapping
    Mono<List<NotificationChannel>> notificationChannels() {
        return channels.all(false);
    }

    @MutationMapping
    Mono<NotificationChannelPayload> createNotificationChannel(@Argument CreateNotificationChannelInput input,
                                                              @ContextValue(Actor.CONTEXT_KEY) Actor actor) {
        return Mono.fromCallable(() -> checked(input))
                .flatMap(checked -> responders.ensure(actor.handle()).flatMap(admin -> channels.insert(checked.name(),
                        checked.kind(), checked.url(), checked.events().isEmpty() ? checked.kind().defaultEvents()
                                : EnumSet.copyOf(checked.events()), checked.secret(), admin.id(), clock.instant())))
                .switchIfEmpty(Mono.error(() -> Refusal.onInput("name", UserErrorCode.NAME_TAKEN,
                        "A notification channel named '" + input.name() + "' is already in use.")))
                .map(created -> new NotificationChannelPayload(created, List.of()))
                .onErrorResume(Refusal.class, refusal -> Mono.just(new NotificationChannelPayload(null, refusal.errors())));
    }

    @MutationMapping
    Mono<NotificationChannelPayload> removeNotificationChannel(@Argument NotificationChannelInput input) {
        return channelId(input)
                .flatMap(id -> channels.remove(id, clock.instant()).switchIfEmpty(Mono.error(NotificationController::noSuchChannel))
                        .flatMap(removed -> outbox.discard(id, clock.instant()).thenReturn(removed)))
                .map(removed -> new NotificationChannelPayload(removed, List.of()))
                .onErrorResume(Refusal.class, refusal -> Mono.just(new NotificationChannelPayload(null, refusal.errors())));
    }

    @MutationMapping
    Mono<DiscardNotificationBacklogPayload> discardNotificationBacklog(@Argument NotificationChannelInput input) {
        return channelId(input)
                .flatMap(id -> channels.find(id).filter(found -> found.removedAt() == null)
                        .switchIfEmpty(Mono.error(NotificationController::noSuchChannel))
                        .flatMap(channel -> outbox.discard(id, clock.instant())
                                .map(discarded -> new DiscardNotificationBacklogPayload(channel, discarded, List.of()))))
                .onErrorResume(Refusal.class, refusal -> Mono.just(new DiscardNotificationBacklogPayload(null, null, refusal.errors())));
    }

    @SchemaMapping(typeName = "NotificationChannel")
    String destination(NotificationChannel channel) {
        URI uri = URI.create(channel.url());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @SchemaMapping(typeName = "NotificationChannel")
    List<TimelineEventKind> events(NotificationChannel channel) {
        return channel.events().stream().sorted().toList();
    }

    @SchemaMapping(typeName = "NotificationChannel")
    boolean healthy(NotificationChannel channel) {
        return channel.consecutiveFailures() < settings.unhealthyAfter();
    }

    @BatchMapping(typeName = "NotificationChannel")
    Mono<Map<NotificationChannel, Integer>> backlog(List<NotificationChannel> list) {
        return outbox.backlogs().map(all -> byChannel(list, all, backlog -> (int) Math.min(Integer.MAX_VALUE, backlog.pending()), 0));
    }

    @BatchMapping(typeName = "NotificationChannel")
    Mono<Map<NotificationChannel, java.time.Instant>> oldestUndelivered(List<NotificationChannel> list) {
        return outbox.backlogs().map(all -> byChannel(list, all, Backlog::oldest, null));
    }

    @BatchMapping(typeName = "NotificationChannel")
    Mono<Map<NotificationChannel, Responder>> createdBy(List<NotificationChannel> list) {
        return batches.of(list, NotificationChannel::createdById);
    }

    private static <T> Map<NotificationChannel, T> byChannel(List<NotificationChannel> list, Map<Long, Backlog> all,
                                                             java.util.function.Function<Backlog, T> value, T none) {
        Map<NotificationChannel, T> result = new java.util.LinkedHashMap<>();
        list.forEach(channel -> {
            Backlog backlog = all.get(channel.id());
            result.put(channel, backlog == null ? none : value.apply(backlog));
        });
        return result;
    }

    /** The input, checked: every problem found is refused at once. */
    private static CreateNotificationChannelInput checked(CreateNotificationChannelInput input) {
        Inputs inputs = new Inputs(java.time.Instant.now());
        String name = inputs.required("name", input.name(), Inputs.TITLE);
        String url = inputs.required("url", input.url(), Inputs.URL) == null ? null : inputs.url("url", input.url());
        Set<TimelineEventKind> allowed = input.kind().allowedEvents();
        List<TimelineEventKind> events = input.events() == null ? List.of() : input.events();
        inputs.require(allowed.containsAll(events), "events", UserErrorCode.INVALID_VALUE,
                input.kind() + " channels take only " + allowed.stream().sorted().map(Enum::name).toList() + ".");
        String secret = input.secret() == null || input.secret().isBlank() ? null : input.secret().strip();
        inputs.require(!input.kind().needsSecret() || secret != null, "secret", UserErrorCode.BLANK, input.kind()
                == ChannelKind.WEBHOOK ? "A WEBHOOK channel needs a secret to sign its deliveries with."
                : "A PAGERDUTY_EVENTS channel needs the integration's routing key as its secret.");
        inputs.require(input.kind() != ChannelKind.WEBHOOK || secret == null || secret.length() >= MIN_SECRET, "secret",
                UserErrorCode.INVALID_VALUE, "A signing secret needs at least " + MIN_SECRET + " characters.");
        inputs.require(secret == null || secret.length() <= Inputs.KEY, "secret", UserErrorCode.TOO_LONG,
                "'secret' may have at most " + Inputs.KEY + " characters.");
        inputs.orRefuse();
        return new CreateNotificationChannelInput(name, input.kind(), url, events, secret);
    }

    private Mono<Long> channelId(NotificationChannelInput input) {
        return Mono.fromCallable(() -> Ids.decode(Ids.Type.NotificationChannel, input.channelId())
                .orElseThrow(NotificationController::noSuchChannel));
    }

    private static Refusal noSuchChannel() {
        return Refusal.onInput("channelId", UserErrorCode.CHANNEL_NOT_FOUND, "There is no notification channel with this id.");
    }
}
