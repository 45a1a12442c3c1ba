package dev.incidentcommand.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.incidentcommand.communication.Audience;
import dev.incidentcommand.communication.CommunicationEvent.UpdatePosted;
import dev.incidentcommand.incident.ChangeContext;
import dev.incidentcommand.incident.ChangeListener;
import dev.incidentcommand.incident.Incident;
import dev.incidentcommand.incident.IncidentRef;
import dev.incidentcommand.incident.IncidentRepository;
import dev.incidentcommand.notify.Messages.Told;
import dev.incidentcommand.notify.Outbox.NewNotification;
import dev.incidentcommand.people.Page;
import dev.incidentcommand.people.PageRepository;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.timeline.TimelineRepository.NewEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes the notifications a change calls for into the outbox, in the change's own transaction:
 * if the change commits they will be delivered, and if it rolls back nobody hears of it.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
class Notifier implements ChangeListener {

    private final ChannelRepository channels;
    private final Outbox outbox;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final PageRepository pages;
    /** Whether notifications were written since the dispatcher last looked: only then is a commit worth a look. */
    private final AtomicBoolean written = new AtomicBoolean();

    Notifier(ChannelRepository channels, Outbox outbox, IncidentRepository incidents, ResponderRepository responders,
             PageRepository pages) {
        this.channels = channels;
        this.outbox = outbox;
        this.incidents = incidents;
        this.responders = responders;
        this.pages = pages;
    }

    boolean takeWritten() {
        return written.getAndSet(false);
    }

    @Override
    public Mono<Boolean> hasWorkFor(ChangeContext change) {
        return channels.inUse().map(all -> !wanting(all, change).isEmpty());
    }

    @Override
    public Mono<Void> appended(ChangeContext change, int firstSequence) {
        return channels.inUse().flatMap(all -> {
            List<NotificationChannel> wanting = wanting(all, change);
            if (wanting.isEmpty()) {
                return Mono.empty();
            }
            boolean paging = wanting.stream().anyMatch(channel -> channel.kind() == ChannelKind.PAGERDUTY_EVENTS);
            long incidentId = change.incident().id();
            Mono<List<Page>> paged = paging ? pages.findByIncidents(List.of(incidentId)) : Mono.just(List.of());
            return Mono.zip(incidents.find(IncidentRef.of(incidentId)), paged).flatMap(found -> {
                Incident now = found.getT1();
                List<Page> sent = found.getT2();
                return responders.findByIds(Stream.of(
                                change.events().stream().map(NewEvent::actorId),
                                Stream.ofNullable(now.commanderId()),
                                sent.stream().map(Page::responderId))
                        .flatMap(ids -> ids).toList())
                        .flatMap(people -> outbox.insert(notifications(change, firstSequence, wanting, now, sent, people),
                                change.now()))
                        .doOnSuccess(done -> written.set(true));
            });
        });
    }

    private static List<NewNotification> notifications(ChangeContext change, int firstSequence,
                                                       List<NotificationChannel> wanting, Incident incident, List<Page> paged,
                                                       Map<Long, Responder> people) {
        String commander = incident.commanderId() == null ? null : people.get(incident.commanderId()).handle();
        List<String> pagedHandles = paged.stream().map(page -> people.get(page.responderId()).handle()).distinct().toList();
        List<NewNotification> notifications = new ArrayList<>();
        for (int i = 0; i < change.events().size(); i++) {
            NewEvent event = change.events().get(i);
            Told told = new Told(incident, commander, firstSequence + i, event.details(), event.summary(),
                    people.get(event.actorId()).handle(), change.now(), Addressees.of(event.details(), commander), pagedHandles);
            for (NotificationChannel channel : wanting) {
                if (wants(channel, event)) {
                    int sequence = firstSequence + i;
                    Messages.render(channel, told).forEach(message -> notifications.add(new NewNotification(channel.id(),
                            incident.id(), sequence, message.body(), message.deliveryId())));
                }
            }
        }
        return notifications;
    }

    /** The channels that want at least one of the change's events. */
    private static List<NotificationChannel> wanting(List<NotificationChannel> channels, ChangeContext change) {
        return channels.stream()
                .filter(channel -> change.events().stream().anyMatch(event -> wants(channel, event)))
                .toList();
    }

    /** Internal updates stay inside: a channel feeding a status page must never carry them. */
    private static boolean wants(NotificationChannel channel, NewEvent event) {
        if (event.details() instanceof UpdatePosted update && update.audience() != Audience.EXTERNAL) {
            return false;
        }
        return channel.wants(event.details().eventKind());
    }
}
