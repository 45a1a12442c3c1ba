package dev.incidentcommand.live;

import java.time.Duration;

import dev.incidentcommand.database.DatabaseConfiguration.MigratedDatabase;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Holds this instance's one LISTEN connection, outside the pool. The driver hands out
 * notifications on a hot stream that drops whatever nobody requested, so the stream is consumed
 * without back-pressure and each notification only marks incidents for the feed to read. When the
 * connection drops it is opened again, LISTEN is re-issued and a catch-up covers the gap.
 */
@Component
class PeerListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeerListener.class);

    private final ConnectionFactory connections;
    private final TimelineFeed feed;
    private final PeerNotifier notifier;
    private final LiveProperties properties;
    private Disposable listening;
    private volatile boolean running;
    private volatile boolean connected;

    PeerListener(MigratedDatabase database, TimelineFeed feed, PeerNotifier notifier, LiveProperties properties) {
        // A plain, unpooled factory: this connection lives as long as the instance.
        this.connections = ConnectionFactories.get(database.connectionFactoryOptions());
        this.feed = feed;
        this.notifier = notifier;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        listening = Flux.usingWhen(connections.create(), this::listen, Connection::close)
                .doOnError(error -> {
                    connected = false;
                    log.warn("Lost the LISTEN connection, reconnecting: {}", error.toString());
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
                .repeat(() -> running)
                .subscribe();
    }

    private Flux<Void> listen(Connection connection) {
        PostgresqlConnection postgres = (PostgresqlConnection) connection;
        return postgres.createStatement("LISTEN " + properties.channel()).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(feed.catchUp())
                .doOnSuccess(done -> {
                    connected = true;
                    log.debug("Listening on channel {}", properties.channel());
                })
                .thenMany(postgres.getNotifications())
                .doOnNext(notification -> {
                    if (notification.getParameter() != null) {
                        notifier.parse(notification.getParameter(), feed::wake);
                    }
                })
                .thenMany(Flux.empty());
    }

    /** Whether the LISTEN connection is up, so changes committed on other instances reach this one's subscribers. */
    boolean connected() {
        return connected;
    }

    @Override
    public void stop() {
        running = false;
        connected = false;
        if (listening != null) {
            listening.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the feed, which must know where incidents stand, and before the web server. */
    @Override
    public int getPhase() {
        return TimelineFeed.PHASE + 1;
    }
}
