package dev.incidentcommand.transport;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes GraphQL responses (and any other map answered as JSON) by walking the map directly.
 * A response is a tree of maps, lists, strings, numbers, booleans and nulls; Jackson's general
 * map serializer looks a serializer up for every value it meets, which on a board of twenty
 * incidents was most of the cost of writing the answer. Values of any other type are written by the
 * server's JSON mapper, exactly as before, so the bytes on the wire do not change.
 */
@Configuration(proxyBeanMethods = false)
class ResponseJson {

    /** Registered as a typed writer, so it is asked before the general JSON encoder. */
    @Bean
    CodecCustomizer responseJsonCodec(JsonMapper json) {
        return codecs -> codecs.customCodecs().register(new MapEncoder(json));
    }

    static final class MapEncoder implements Encoder<Map<?, ?>> {

        private static final List<MimeType> TYPES = List.of(MediaType.APPLICATION_JSON, MediaTypes.APPLICATION_GRAPHQL_RESPONSE);

        private final JsonMapper json;

        MapEncoder(JsonMapper json) {
            this.json = json;
        }

        @Override
        public boolean canEncode(ResolvableType type, @Nullable MimeType mimeType) {
            return Map.class.isAssignableFrom(type.toClass())
                    && (mimeType == null || TYPES.stream().anyMatch(known -> known.isCompatibleWith(mimeType)));
        }

        @Override
        public List<MimeType> getEncodableMimeTypes() {
            return TYPES;
        }

        @Override
        public Flux<DataBuffer> encode(Publisher<? extends Map<?, ?>> input, DataBufferFactory factory, ResolvableType type,
                                       @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
            return Flux.from(input).map(value -> encodeValue(value, factory, type, mimeType, hints));
        }

        @Override
        public DataBuffer encodeValue(Map<?, ?> value, DataBufferFactory factory, ResolvableType type,
                                      @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
            DataBuffer buffer = factory.allocateBuffer(256);
            boolean written = false;
            try (OutputStream out = buffer.asOutputStream(); JsonGenerator generator = json.createGenerator(out)) {
                write(generator, value);
                written = true;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not write a response", e);
            } finally {
                if (!written) {
                    DataBufferUtils.release(buffer);
                }
            }
            return buffer;
        }

        /** Writes {@code value}: the shapes a GraphQL response is made of directly, anything else through the mapper. */
        static void write(JsonGenerator generator, @Nullable Object value) {
            if (value == null) {
                generator.writeNull();
            } else if (value instanceof String text) {
                generator.writeString(text);
            } else if (value instanceof Map<?, ?> map) {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeName(String.valueOf(entry.getKey()));
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            } else if (value instanceof List<?> list) {
                generator.writeStartArray();
                for (Object item : list) {
                    write(generator, item);
                }
                generator.writeEndArray();
            } else if (value instanceof Integer number) {
                generator.writeNumber(number);
            } else if (value instanceof Boolean flag) {
                generator.writeBoolean(flag);
            } else if (value instanceof Long number) {
                generator.writeNumber(number);
            } else {
                generator.writePOJO(value);
            }
        }
    }
}
