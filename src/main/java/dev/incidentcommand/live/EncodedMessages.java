package dev.incidentcommand.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes graphql-transport-ws messages: a {@code next} message carrying an {@link EncodedResult}
 * is the event's JSON, written once, with this subscription's id around it; every other message is
 * left to the JSON encoder the socket would otherwise use.
 */
final class EncodedMessages implements Encoder<GraphQlWebSocketMessage> {

    private static final ResolvableType MESSAGE = ResolvableType.forClass(GraphQlWebSocketMessage.class);
    private static final byte[] OPEN_ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] THEN_PAYLOAD = "\",\"type\":\"next\",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "}".getBytes(StandardCharsets.UTF_8);

    private final Encoder<GraphQlWebSocketMessage> json;

    private EncodedMessages(Encoder<GraphQlWebSocketMessage> json) {
        this.json = json;
    }

    /** The codecs of {@code codecs}, with messages written by this encoder ahead of the JSON one. */
    static ServerCodecConfigurer around(ServerCodecConfigurer codecs) {
        ServerCodecConfigurer withEncoded = codecs.clone();
        withEncoded.customCodecs().register(new EncodedMessages(jsonEncoder(codecs)));
        return withEncoded;
    }

    @SuppressWarnings("unchecked")
    private static Encoder<GraphQlWebSocketMessage> jsonEncoder(ServerCodecConfigurer codecs) {
        return codecs.getWriters().stream()
                .filter(writer -> writer.canWrite(MESSAGE, MediaType.APPLICATION_JSON))
                .filter(EncoderHttpMessageWriter.class::isInstance)
                .map(writer -> (Encoder<GraphQlWebSocketMessage>) ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JSON encoder for WebSocket messages"));
    }

    @Override
    public boolean canEncode(ResolvableType type, @Nullable MimeType mimeType) {
        return MESSAGE.isAssignableFrom(type) && json.canEncode(type, mimeType);
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<? extends GraphQlWebSocketMessage> messages, DataBufferFactory buffers,
                                   ResolvableType type, @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        return Flux.from(messages).map(message -> encodeValue(message, buffers, type, mimeType, hints));
    }

    @Override
    public DataBuffer encodeValue(GraphQlWebSocketMessage message, DataBufferFactory buffers, ResolvableType type,
                                  @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        if (message.resolvedType() != GraphQlWebSocketMessageType.NEXT || message.getId() == null
                || !(message.getPayload() instanceof EncodedResult.Encoded encoded)) {
            return json.encodeValue(message, buffers, type, mimeType, hints);
        }
        byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(message.getId());
        byte[] payload = encoded.json();
        int length = OPEN_ID.length + id.length + THEN_PAYLOAD.length + payload.length + CLOSE.length;
        return buffers.allocateBuffer(length).write(OPEN_ID).write(id).write(THEN_PAYLOAD).write(payload).write(CLOSE);
    }

    @Override
    public List<MimeType> getEncodableMimeTypes() {
        return json.getEncodableMimeTypes();
    }
}
