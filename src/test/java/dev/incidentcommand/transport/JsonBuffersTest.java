package dev.incidentcommand.transport;

import java.lang.management.ManagementFactory;
import java.util.Map;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageEncoder;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON encoder the server writes responses and WebSocket messages with, as configured. */
class JsonBuffersTest extends IntegrationTest {

    @Autowired
    ServerCodecConfigurer codecs;

    @Test
    void writingASmallMessageDoesNotAllocateFreshBuffersEachTime() {
        @SuppressWarnings("unchecked")
        HttpMessageEncoder<Object> json = codecs.getWriters().stream()
                .map(writer -> writer instanceof EncoderHttpMessageWriter<?> encoding ? encoding.getEncoder() : null)
                .filter(encoder -> encoder instanceof HttpMessageEncoder<?> && encoder.canEncode(ResolvableType.forClass(Map.class), MediaType.APPLICATION_JSON))
                .map(encoder -> (HttpMessageEncoder<Object>) encoder)
                .findFirst().orElseThrow();
        // A graphql-transport-ws "next" message for one timeline event, as boards receive thousands a second.
        Map<String, Object> message = Map.of("id", "7", "type", "next", "payload", Map.of("data", Map.of("incidentTimeline",
                Map.of("sequence", 42, "kind", "NOTE_ADDED", "summary", "Rolled back the canary", "actor", Map.of("handle", "alice")))));
        ResolvableType type = ResolvableType.forInstance(message);
        Runnable write = () -> {
            DataBuffer buffer = json.encodeValue(message, DefaultDataBufferFactory.sharedInstance, type, MediaType.APPLICATION_JSON, Map.of());
            assertThat(buffer.readableByteCount()).isGreaterThan(100);
            DataBufferUtils.release(buffer);
        };
        for (int i = 0; i < 2_000; i++) {
            write.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int messages = 5_000;
        for (int i = 0; i < messages; i++) {
            write.run();
        }
        long perMessage = (threads.getCurrentThreadAllocatedBytes() - before) / messages;
        // The message is under 200 bytes; Jackson's default pool, as Spring's encoder uses it, made
        // every one allocate about 16 KB of working buffers.
        assertThat(perMessage).as("bytes allocated per message written").isLessThan(4_096);
    }
}
