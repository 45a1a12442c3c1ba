package dev.incidentcommand.incident;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.people.Responder;
import dev.incidentcommand.people.ResponderRepository;
import dev.incidentcommand.people.SystemActor;
import dev.incidentcommand.timeline.AppendQueue;
import dev.incidentcommand.timeline.TimelineAppended;
import dev.incidentcommand.timeline.TimelineRepository;
import dev.incidentcommand.timeline.TimelineRepository.LockingAppend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The unit of work: the one path every change to an incident takes. In a single transaction it locks the incident,
 * honours the idempotency key, runs the change, appends the change's timeline events with the
 * next sequences, and remembers the result for retries. After commit it announces the new events.
 * A {@link Refusal} anywhere rolls all of it back.
 */
@Component
public class IncidentChanges {

    private static final Logger log = LoggerFactory.getLogger(IncidentChanges.class);

    private final TransactionalOperator transaction;
    private final IncidentRepository incidents;
    private final ResponderRepository responders;
    private final TimelineRepository timeline;
    private final AppendQueue appends;
    private final Idempotency idempotency;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final List<ChangeReview> reviews;
    private final List<ChangeListener> listeners;
    private final SystemActor system;
    private final Map<String, Responder> actors = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_ACTORS = 10_000;
    private final IncidentNames names = new IncidentNames();

    IncidentChanges(ReactiveTransactionManager transactionManager, IncidentRepository incidents,
                    ResponderRepository responders, TimelineRepository timeline, AppendQueue appends, Idempotency idempotency,
                    ApplicationEventPublisher publisher, Clock clock, List<ChangeReview> reviews, SystemActor system,
                    List<ChangeListener> listeners) {
        this.listeners = listeners;
        this.transaction = TransactionalOperator.create(transactionManager);
        this.incidents = incidents;
        this.responders = responders;
        this.timeline = timeline;
        this.appends = appends;
        this.idempotency = idempotency;
        this.publisher = publisher;
        this.clock = clock;
        this.reviews = reviews;
        this.system = system;
    }

    /** Changes the incident the input names, which {@code change} receives locked and current. */
    public Mono<Receipt> change(Mutation<?> request, IncidentInput<?> input,
                                BiFunction<Incident, ChangeContext, Mono<Receipt>> change) {
        return Mono.defer(() -> change(request, IncidentRef.named(input.incidentId()), change));
    }

    /** Changes an existing incident, which {@code change} receives locked and current. */
    public Mono<Receipt> change(Mutation<?> request, IncidentRef ref,
                                BiFunction<Incident, ChangeContext, Mono<Receipt>> change) {
        return run(request, context -> incidents.lock(ref)
                .switchIfEmpty(Mono.error(() -> Refusal.onInput("incidentId", UserErrorCode.INCIDENT_NOT_FOUND,
                        "There is no incident " + ref.describe() + ".")))
                .flatMap(incident -> idempotency.replayOrClaim(request)
                        .switchIfEmpty(Mono.defer(() -> {
                            context.on(incident);
                            return change.apply(incident, context);
                        }))));
    }

    /**
     * A change that needs nothing of its incident but which one it is, and that no rule of command
     * reviews: a note. It reads the incident's id from {@link ChangeContext#incidentId()}. When this
     * instance has seen the incident and the actor, no idempotency key is given and no listener has
     * work for the events, the lock, the writes and the commit are one statement on its own
     * transaction, shared with the other notes written at the same moment ({@link AppendQueue}):
     * a quarter of the round trips of {@link #change}, which runs it otherwise, and under load a
     * fraction of PostgreSQL's work.
     */
    public Mono<Receipt> appendTo(Mutation<?> request, IncidentInput<?> input, Function<ChangeContext, Mono<Receipt>> change) {
        return Mono.defer(() -> {
            IncidentRef ref = IncidentRef.named(input.incidentId());
            Mono<Receipt> locked = Mono.defer(() -> change(request, ref, (incident, context) -> change.apply(context)));
            Responder actor = actors.get(request.actor());
            IncidentNames.Name name = names.find(ref);
            if (actor == null || name == null || request.idempotencyKey() != null) {
                return locked;
            }
            ChangeContext context = new ChangeContext(actor, clock.instant());
            context.on(name);
            // Until the statement runs nothing is written, so the full path may still run the change afresh.
            return change.apply(context).flatMap(receipt -> writesAlone(context).flatMap(alone -> !alone ? locked
                    : appends.append(new LockingAppend(name.id(), name.key(), context.events(), context.rows(), context.now()))
                            .map(lastSequence -> {
                                announce(name.id(), lastSequence);
                                logChange(request.name(), context);
                                return receipt;
                            })
                            // The incident was not found under that id and key: the full path says why.
                            .switchIfEmpty(locked)));
        });
    }

    /**
     * Whether a change may be written by itself: it records events, no rule reviews it, and no
     * listener has anything to write with them, so it needs no transaction around it.
     */
    private Mono<Boolean> writesAlone(ChangeContext context) {
        if (context.rulesAffected() || context.events().isEmpty()) {
            return Mono.just(false);
        }
        return Flux.fromIterable(listeners).concatMap(listener -> listener.hasWorkFor(context))
                .any(Boolean::booleanValue).map(busy -> !busy);
    }

    /** Creates an incident (or finds the one it repeats); {@code creation} names it with {@link ChangeContext#on}. */
    public Mono<Receipt> create(Mutation<?> request, Function<ChangeContext, Mono<Receipt>> creation) {
        return run(request, context -> idempotency.replayOrClaim(request)
                .switchIfEmpty(Mono.defer(() -> creation.apply(context))));
    }

    /**
     * Several changes that stand or fall together (a group of alerts from one webhook delivery), in
     * one transaction: each sees its own incident and records its own events, reviewed and
     * appended as a single change would be; all are announced after the one commit.
     * {@code work} claims any idempotency key itself, through {@link Together#replayOrClaim}.
     */
    public <R> Mono<R> together(String actorHandle, Function<Together, Mono<R>> work) {
        return Mono.defer(() -> {
            List<ChangeContext> ran = new CopyOnWriteArrayList<>();
            Mono<R> all = actor(actorHandle).flatMap(actor -> work.apply(new Together(actor, ran)));
            return transaction.transactional(all)
                    .doOnSuccess(result -> ran.forEach(context -> {
                        remember(context);
                        announce(context);
                        logChange("webhook", context);
                    }));
        });
    }

    /** One transaction's worth of changes; see {@link #together}. */
    public final class Together {

        private final Responder actor;
        private final List<ChangeContext> ran;

        private Together(Responder actor, List<ChangeContext> ran) {
            this.actor = actor;
            this.ran = ran;
        }

        /**
         * Runs one change: {@code change} names the incident it works on with {@link ChangeContext#on}
         * (a new one, or an existing one it has locked) and may name none, when there is nothing to do.
         */
        public <T> Mono<T> apply(Function<ChangeContext, Mono<T>> change) {
            return Mono.defer(() -> {
                ChangeContext context = new ChangeContext(actor, clock.instant());
                return change.apply(context)
                        .flatMap(result -> !context.writes() ? Mono.just(result)
                                : review(context).then(Mono.defer(() -> append(context))).doOnSuccess(done -> ran.add(context))
                                        .thenReturn(result));
            });
        }

        /** The earlier result (JSON) of a request with this key from this actor, or empty when claimed now. */
        public Mono<String> replayOrClaim(String what, String key, String fingerprint) {
            return idempotency.replayOrClaim(actor.handle(), what, key, fingerprint);
        }

        public Mono<Void> remember(String what, String key, String resultJson) {
            return idempotency.remember(actor.handle(), what, key, resultJson);
        }
    }

    private Mono<Receipt> run(Mutation<?> request, Function<ChangeContext, Mono<Receipt>> body) {
        AtomicReference<ChangeContext> ran = new AtomicReference<>();
        // Everything, the acting responder's first appearance included, is in the one transaction:
        // a refused request leaves no trace.
        Mono<Receipt> work = actor(request.actor()).flatMap(actor -> {
            ChangeContext context = new ChangeContext(actor, clock.instant());
            ran.set(context);
            return body.apply(context)
                    .flatMap(receipt -> !context.writes()
                            ? Mono.just(receipt)
                            : review(context)
                                    // deferred: the review may add events, which must be counted when appending
                                    .then(Mono.defer(() -> append(context)))
                                    .then(idempotency.remember(request, receipt))
                                    .thenReturn(receipt));
        });
        return transaction.transactional(work)
                .doOnNext(receipt -> {
                    remember(ran.get().actor());
                    remember(ran.get());
                    announce(ran.get());
                    logChange(request.name(), ran.get());
                });
    }

    /** The acting responder, created on first use; handles are never renamed or removed, so each is looked up once. */
    private Mono<Responder> actor(String handle) {
        Responder known = actors.get(handle);
        return known != null ? Mono.just(known) : responders.ensure(handle);
    }

    /** Only after commit: a responder created in a transaction that rolled back does not exist. */
    private void remember(Responder actor) {
        if (actors.size() < MAX_KNOWN_ACTORS) {
            actors.putIfAbsent(actor.handle(), actor);
        }
    }

    /** Only after commit, like the actor: a declaration that rolled back named no incident. */
    private void remember(ChangeContext context) {
        if (context.incident() != null) {
            names.remember(context.incident());
        }
    }

    /**
     * Reviews one incident that time has made due (a reminder, a missed check-in...), if any is
     * due now and no one else holds it. Emits whether an incident was reviewed.
     */
    public Mono<Boolean> reviewNextDue() {
        return system.get().flatMap(server -> {
            ChangeContext context = new ChangeContext(server, clock.instant());
            Mono<Boolean> work = incidents.lockNextDue(context.now())
                    .flatMap(incident -> {
                        context.on(incident);
                        return review(context)
                                .then(Mono.defer(() -> context.writes() ? append(context) : Mono.empty()))
                                .thenReturn(true);
                    })
                    .defaultIfEmpty(false);
            return transaction.transactional(work).doOnNext(reviewed -> {
                announce(context);
                if (context.incident() != null) {
                    logChange("rulesOfCommand", context);
                }
            });
        });
    }

    private Mono<Void> review(ChangeContext context) {
        if (!context.rulesAffected()) {
            return Mono.empty();
        }
        return Flux.fromIterable(reviews).concatMap(review -> review.review(context)).then();
    }

    private Mono<Void> append(ChangeContext context) {
        Incident incident = context.incident();
        int first = incident.lastSequence() + 1;
        return timeline.append(incident.id(), first, context.events(), context.rows(), context.now())
                .then(Flux.fromIterable(listeners).concatMap(listener -> listener.appended(context, first)).then());
    }

    /** One line per committed change, with what, where and who as fields that structured logs keep apart. */
    private static void logChange(String operation, ChangeContext context) {
        if (context.events().isEmpty() || !log.isInfoEnabled()) {
            return;
        }
        String incident = context.incidentKey();
        log.atInfo()
                .addKeyValue("operation", operation)
                .addKeyValue("incident", incident)
                .addKeyValue("actor", context.actor().handle())
                .log("{} by {} on {}: {} event(s)", operation, context.actor().handle(), incident, context.events().size());
    }

    private void announce(ChangeContext context) {
        if (!context.events().isEmpty()) {
            Incident incident = context.incident();
            announce(incident.id(), incident.lastSequence() + context.events().size());
        }
    }

    private void announce(long incidentId, int lastSequence) {
        publisher.publishEvent(new TimelineAppended(incidentId, lastSequence));
    }
}
