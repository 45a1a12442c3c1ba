package dev.incidentcommand.database;

import java.time.Instant;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecMetadata;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.codec.PostgresTypeIdentifier;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Reads binary {@code timestamptz} values as {@link Instant}s straight from their count of
 * microseconds since 2000-01-01 UTC. The driver's own codec goes through an {@code OffsetDateTime},
 * asking the system clock for the local offset for every value it reads (a board of twenty
 * incidents carries a few hundred timestamps, and that showed in its profile), and shifts dates
 * before 1582 onto the Julian calendar, which {@code Instant} does not use. Writing instants, text
 * format and every other type stay with the driver's codecs.
 */
final class InstantDecoding implements CodecRegistrar {

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    @Override
    public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator, CodecRegistry registry) {
        return Mono.fromRunnable(() -> {
            for (Codec<?> codec : registry) {
                if (codec.canEncode(Instant.EPOCH)) {
                    @SuppressWarnings("unchecked")
                    Codec<Instant> writer = (Codec<Instant>) codec;
                    registry.addFirst(new Reader(writer));
                    return;
                }
            }
            throw new IllegalStateException("the PostgreSQL driver has no codec writing instants");
        });
    }

    /** The instant {@code micros} microseconds after PostgreSQL's epoch (both on the proleptic Gregorian calendar). */
    static Instant instant(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long nanos = Math.floorMod(micros, 1_000_000L) * 1_000L;
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + seconds, nanos);
    }

    /**
     * One connection's codec: reads binary {@code timestamptz} as instants and leaves writing them
     * to the driver's codec. It says what it reads ({@link CodecMetadata}) so the driver's lookup
     * cache finds it ahead of its own.
     */
    private record Reader(Codec<Instant> writer) implements Codec<Instant>, CodecMetadata {

        @Override
        public Class<?> type() {
            return Instant.class;
        }

        @Override
        public Iterable<Format> getFormats() {
            return List.of(Format.FORMAT_BINARY);
        }

        @Override
        public Iterable<? extends PostgresTypeIdentifier> getDataTypes() {
            return List.of(PostgresqlObjectId.TIMESTAMPTZ);
        }

        @Override
        public boolean canDecode(int dataType, Format format, Class<?> type) {
            return dataType == PostgresqlObjectId.TIMESTAMPTZ.getObjectId() && format == Format.FORMAT_BINARY
                    && type == Instant.class;
        }

        @Override
        public @Nullable Instant decode(@Nullable ByteBuf buffer, int dataType, Format format, Class<? extends Instant> type) {
            return buffer == null ? null : instant(buffer.readLong());
        }

        @Override
        public boolean canEncode(Object value) {
            return writer.canEncode(value);
        }

        @Override
        public boolean canEncodeNull(Class<?> type) {
            return writer.canEncodeNull(type);
        }

        @Override
        public EncodedParameter encode(Object value) {
            return writer.encode(value);
        }

        @Override
        public EncodedParameter encode(Object value, int dataType) {
            return writer.encode(value, dataType);
        }

        @Override
        public EncodedParameter encodeNull() {
            return writer.encodeNull();
        }
    }
}
