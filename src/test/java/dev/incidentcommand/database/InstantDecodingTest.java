package dev.incidentcommand.database;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

class InstantDecodingTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    /**
     * Timestamps read as instants are exact to the microsecond, before and after PostgreSQL's epoch,
     * and on the same calendar as PostgreSQL's for dates before 1582 (where the driver's own codec
     * shifted them by ten days or more).
     */
    @Test
    void timestampsReadBackExactly() {
        List<String> written = List.of("2026-11-30T14:47:38.123456Z", "2000-01-01T00:00:00Z", "1999-12-31T23:59:59.999999Z",
                "1970-01-01T00:00:00.000001Z", "1901-06-15T08:30:00.5Z", "2262-04-11T23:47:16.854775Z", "1400-03-01T12:00:00Z");
        for (String text : written) {
            Instant read = db.sql("SELECT CAST(:at AS timestamptz) AS at")
                    .bind("at", text)
                    .map(row -> row.get("at", Instant.class))
                    .one()
                    .block();
            assertThat(read).as(text).isEqualTo(Instant.parse(text));
        }
    }

    /** A timestamp written as an instant reads back as the same instant; a missing one reads as null. */
    @Test
    void instantsRoundTripAndNullStaysNull() {
        Instant now = Instant.parse("2026-11-30T10:15:30.654321Z");
        Instant read = db.sql("SELECT :at AS at").bind("at", now).map(row -> row.get("at", Instant.class)).one().block();
        assertThat(read).isEqualTo(now);
        Boolean missing = db.sql("SELECT CAST(NULL AS timestamptz) AS at")
                .map(row -> row.get("at", Instant.class) == null).one().block();
        assertThat(missing).isTrue();
    }

    /** Asked for no particular type, a timestamp still comes back as the driver gives it, with its offset. */
    @Test
    void otherTypesAreLeftToTheDriver() {
        Object read = db.sql("SELECT CAST('2026-11-30T14:47:38Z' AS timestamptz) AS at").map(row -> row.get("at")).one().block();
        assertThat(read).isInstanceOf(OffsetDateTime.class);
        assertThat(((OffsetDateTime) read).toInstant()).isEqualTo(Instant.parse("2026-11-30T14:47:38Z"));
    }
}
