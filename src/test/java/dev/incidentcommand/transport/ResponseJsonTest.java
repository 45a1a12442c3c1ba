package dev.incidentcommand.transport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ResponseJson.MapEncoder encoder = new ResponseJson.MapEncoder(json);

    /** A response written by walking it reads byte for byte as the JSON mapper would have written it. */
    @Test
    void writesWhatTheMapperWrites() {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("key", "INC-42");
        incident.put("title", "Checkout \"latency\" \u2013 caf\u00e9 \ud83d\udd25\n\tline two \\ </script>");
        incident.put("severity", "SEV1");
        incident.put("commander", null);
        incident.put("lastSequence", 17);
        incident.put("bytes", 12_345_678_901L);
        incident.put("ratio", 0.25);
        incident.put("active", true);
        incident.put("declaredAt", Instant.parse("2026-11-30T14:47:38.123456Z"));
        incident.put("tasks", new ArrayList<>(List.of(Map.of("title", "Run the call"), List.of(), Arrays.asList(1, null, "x"))));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("data", Map.of("incident", incident));
        response.put("errors", List.of(Map.of("message", "Not found", "path", List.of("incident", 0),
                "extensions", Map.of("classification", "NOT_FOUND"))));

        assertThat(encoded(response)).isEqualTo(json.writeValueAsString(response));
        assertThat(encoded(Map.of())).isEqualTo("{}");
    }

    /** It answers for maps sent as JSON or GraphQL responses, and leaves every other body to the other writers. */
    @Test
    void takesOnlyMapsAsJson() {
        ResolvableType map = ResolvableType.forClass(Map.class);
        assertThat(encoder.canEncode(map, MediaType.APPLICATION_JSON)).isTrue();
        assertThat(encoder.canEncode(map, MediaTypes.APPLICATION_GRAPHQL_RESPONSE)).isTrue();
        assertThat(encoder.canEncode(map, null)).isTrue();
        assertThat(encoder.canEncode(map, MediaType.TEXT_EVENT_STREAM)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(Object.class), MediaType.APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(List.class), MediaType.APPLICATION_JSON)).isFalse();
    }

    private String encoded(Map<String, Object> value) {
        DataBuffer buffer = encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance, ResolvableType.forClass(Map.class),
                MediaType.APPLICATION_JSON, null);
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
