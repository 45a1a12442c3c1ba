package dev.incidentcommand.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The GraphQL WebSocket endpoint, closing its sockets with "going away" when the server shuts
 * down. First every live subscription (over WebSocket or Server-Sent Events) ends with a message
 * saying where to resume; then the sockets close. Live boards reconnect (to another instance,
 * behind a load balancer) and resume from their last sequence, instead of the shutdown waiting
 * on connections that never finish on their own.
 */
public class ClosingWebSocketHandler extends GraphQlWebSocketHandler implements SmartLifecycle {

    /** Long enough for the last messages to be written before their sockets close. */
    private static final Duration LAST_WORDS = Duration.ofMillis(250);

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final TimelineFeed feed;
    private volatile boolean running;

    ClosingWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs,
                            Duration initTimeout, Duration keepAlive, TimelineFeed feed) {
        super(handler, codecs, initTimeout, keepAlive);
        this.feed = feed;
    }

    /** Sockets open now. */
    int openSockets() {
        return sessions.size();
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        sessions.add(session);
        return super.handle(new CheckedSession(session)).doFinally(signal -> sessions.remove(session));
    }

    /** The open sockets' attributes (what was remembered at {@code connection_init}), by session id. */
    public Map<String, Map<String, Object>> openSessions() {
        Map<String, Map<String, Object>> open = new HashMap<>();
        sessions.forEach(session -> open.put(session.getId(), session.getAttributes()));
        return open;
    }

    /** Closes one socket with a status and a reason its client can show. */
    public void close(String sessionId, CloseStatus status) {
        sessions.stream().filter(session -> session.getId().equals(sessionId))
                .forEach(session -> session.close(status).subscribe());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stop(() -> {
        });
    }

    @Override
    public void stop(Runnable done) {
        running = false;
        feed.restarting();
        Mono.delay(LAST_WORDS)
                .doFinally(signal -> {
                    sessions.forEach(session -> session.close(CloseStatus.GOING_AWAY).subscribe());
                    done.run();
                })
                .subscribe();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown starts waiting for open connections. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
