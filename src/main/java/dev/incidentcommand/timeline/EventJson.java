package dev.incidentcommand.timeline;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event details as stored: JSON without null values, dates as ISO-8601 text, enums by name. The
 * same form is what the API's {@code details} field shows.
 */
public final class EventJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ClassValue<TimelineEventKind> KINDS = new ClassValue<>() {
        @Override
        protected TimelineEventKind computeValue(Class<?> type) {
            return TimelineEventKind.valueOf(type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase());
        }
    };

    private EventJson() {
    }

    static TimelineEventKind kindOf(Class<?> detailsType) {
        return KINDS.get(detailsType);
    }

    public static String write(EventDetails details) {
        return JSON.writeValueAsString(details);
    }

    static <T extends EventDetails> T read(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    public static Map<String, Object> readMap(String json) {
        return JSON.readValue(json, MAP);
    }
}
