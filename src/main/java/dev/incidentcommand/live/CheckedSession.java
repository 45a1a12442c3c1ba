package dev.incidentcommand.live;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket whose incoming messages are checked against graphql-transport-ws before they are
 * handled: a binary frame, text that is not a JSON object, or an unknown message type closes the
 * socket with the protocol's 4400 and a reason, as the protocol asks, instead of an unexplained close.
 */
final class CheckedSession implements WebSocketSession {

    static final int INVALID_MESSAGE = 4400;
    private static final Set<String> TYPES = Set.of("connection_init", "ping", "pong", "subscribe", "complete");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketSession session;

    CheckedSession(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public Flux<WebSocketMessage> receive() {
        return session.receive().handle((message, sink) -> {
            String problem = problem(message);
            if (problem == null) {
                sink.next(message);
            } else {
                session.close(new CloseStatus(INVALID_MESSAGE, problem)).subscribe();
                sink.complete();
            }
        });
    }

    /** Why the message is not a graphql-transport-ws message, or null when it is one. */
    static String problem(WebSocketMessage message) {
        if (message.getType() == WebSocketMessage.Type.PING || message.getType() == WebSocketMessage.Type.PONG) {
            return null;
        }
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            return "Binary frames are not graphql-transport-ws messages";
        }
        JsonNode node;
        try {
            node = JSON.readTree(message.getPayloadAsText());
        } catch (RuntimeException notJson) {
            return "Not JSON: messages are JSON objects";
        }
        if (node == null || !node.isObject()) {
            return "Messages are JSON objects with a 'type'";
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString() || !TYPES.contains(type.asString())) {
            return "Unknown message type; expected one of " + String.join(", ", TYPES.stream().sorted().toList());
        }
        String kind = type.asString();
        if ((kind.equals("subscribe") || kind.equals("complete")) && !isString(node.get("id"))) {
            return "A " + kind + " message needs a string 'id'";
        }
        JsonNode payload = node.get("payload");
        if (kind.equals("subscribe") && !(payload != null && payload.isObject() && isString(payload.get("query"))
                && !payload.get("query").asString().isBlank())) {
            return "A subscribe message needs a payload with a non-empty string 'query'";
        }
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            return "A message's payload is a JSON object";
        }
        return null;
    }

    private static boolean isString(JsonNode node) {
        return node != null && node.isString();
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public HandshakeInfo getHandshakeInfo() {
        return session.getHandshakeInfo();
    }

    @Override
    public DataBufferFactory bufferFactory() {
        return session.bufferFactory();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return session.getAttributes();
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        return session.send(messages);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        return session.close(status);
    }

    @Override
    public Mono<CloseStatus> closeStatus() {
        return session.closeStatus();
    }

    @Override
    public WebSocketMessage textMessage(String payload) {
        return session.textMessage(payload);
    }

    @Override
    public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return session.binaryMessage(payloadFactory);
    }

    @Override
    public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return session.pingMessage(payloadFactory);
    }

    @Override
    public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return session.pongMessage(payloadFactory);
    }
}
