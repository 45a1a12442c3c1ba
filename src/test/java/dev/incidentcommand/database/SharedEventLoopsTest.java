package dev.incidentcommand.database;

import dev.incidentcommand.support.IntegrationTest;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database client runs on the web server's event loops, not on a set of its own: rows come
 * back on the threads that answer requests, so an answer is not handed from one thread to another.
 */
class SharedEventLoopsTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactorResourceFactory webServerResources;

    @Autowired
    DatabaseConfiguration.MigratedDatabase database;

    @Test
    void rowsArriveOnTheWebServersLoops() {
        String thread = db.sql("SELECT 1 AS one").map(row -> Thread.currentThread().getName()).one().block();
        assertThat(thread).startsWith("incident-command-");
        // The live feed's LISTEN connection is opened from the same options as the pool's.
        assertThat(database.connectionFactoryOptions().getValue(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES))
                .isSameAs(webServerResources.getLoopResources());
    }
}
