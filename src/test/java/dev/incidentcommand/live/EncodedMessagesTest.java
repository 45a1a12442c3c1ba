package dev.incidentcommand.live;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedMessagesTest {

    private static final ResolvableType MESSAGE = ResolvableType.forClass(GraphQlWebSocketMessage.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServerCodecConfigurer plain = ServerCodecConfigurer.create();
    private final Encoder<GraphQlWebSocketMessage> socketEncoder = encoderFor(EncodedMessages.around(plain));
    private final Encoder<GraphQlWebSocketMessage> plainEncoder = encoderFor(plain);

    /** The encoder a graphql-transport-ws handler picks from these codecs: the first that writes messages as JSON. */
    @SuppressWarnings("unchecked")
    private static Encoder<GraphQlWebSocketMessage> encoderFor(ServerCodecConfigurer codecs) {
        return codecs.getWriters().stream()
                .filter(writer -> writer.canWrite(MESSAGE, MediaType.APPLICATION_JSON))
                .map(writer -> (Encoder<GraphQlWebSocketMessage>) ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .findFirst().orElseThrow();
    }

    private static String text(Encoder<GraphQlWebSocketMessage> encoder, GraphQlWebSocketMessage message) {
        DataBuffer buffer = encoder.encodeValue(message, DefaultDataBufferFactory.sharedInstance, MESSAGE,
                MediaType.APPLICATION_JSON, null);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static ExecutionResult rendered() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sequence", 7);
        event.put("summary", "Rolled back \"deploy 42\" — error rate falling");
        event.put("tags", List.of("rollback", "ü"));
        return ExecutionResult.newExecutionResult()
                .data(Map.of("timelineEvents", event))
                .addError(GraphqlErrorBuilder.newError().message("actor unavailable").build())
                .build();
    }

    @Test
    void socketsUseTheSharedEncodingForNextMessages() {
        assertThat(socketEncoder).isInstanceOf(EncodedMessages.class);
    }

    @Test
    void aPreEncodedEventReadsExactlyAsTheJsonEncoderWouldWriteIt() {
        ExecutionResult result = rendered();
        String id = "board \"7\"\n";
        String shared = text(socketEncoder, GraphQlWebSocketMessage.next(id, EncodedResult.of(result, JSON).toSpecification()));
        String usual = text(plainEncoder, GraphQlWebSocketMessage.next(id, result.toSpecification()));
        assertThat(JSON.readTree(shared)).isEqualTo(JSON.readTree(usual));
        assertThat(JSON.readTree(shared).get("id").asString()).isEqualTo(id);
        assertThat(JSON.readTree(shared).at("/payload/data/timelineEvents/summary").asString())
                .isEqualTo("Rolled back \"deploy 42\" — error rate falling");
    }

    @Test
    void oneEncodingServesEverySubscriberWithItsOwnId() {
        Map<String, Object> specification = EncodedResult.of(rendered(), JSON).toSpecification();
        String first = text(socketEncoder, GraphQlWebSocketMessage.next("1", specification));
        String second = text(socketEncoder, GraphQlWebSocketMessage.next("2", specification));
        assertThat(JSON.readTree(first).get("id").asString()).isEqualTo("1");
        assertThat(JSON.readTree(second).get("id").asString()).isEqualTo("2");
        assertThat(JSON.readTree(first).get("payload")).isEqualTo(JSON.readTree(second).get("payload"));
    }

    @Test
    void otherMessagesAreWrittenAsBefore() {
        for (GraphQlWebSocketMessage message : List.of(GraphQlWebSocketMessage.connectionAck(Map.of("server", "ok")),
                GraphQlWebSocketMessage.ping(null), GraphQlWebSocketMessage.complete("3"),
                GraphQlWebSocketMessage.next("4", rendered().toSpecification()))) {
            assertThat(text(socketEncoder, message)).isEqualTo(text(plainEncoder, message));
        }
    }
}
