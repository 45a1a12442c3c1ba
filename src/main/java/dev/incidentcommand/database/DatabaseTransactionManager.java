package dev.incidentcommand.database;

import java.io.IOException;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Spring's R2DBC transactions, for a database that can go away mid-transaction (a restart, a
 * failover, a dropped connection). PostgreSQL undoes a transaction whose session ends, so when a
 * change fails because its connection is gone, the rollback that can no longer be sent has
 * nothing left to undo. Spring would report that rollback as a failure of its own, logged at
 * ERROR, in place of the change's error; here the change's error stands ("the database is
 * unavailable", which callers are told to retry) and the rollback not sent is logged at DEBUG. A
 * rollback that fails for any other reason still fails.
 */
class DatabaseTransactionManager extends R2dbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTransactionManager.class);

    DatabaseTransactionManager(ConnectionFactory connections) {
        super(connections);
    }

    @Override
    protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager, GenericReactiveTransaction status) {
        return super.doRollback(synchronizationManager, status).onErrorResume(DatabaseTransactionManager::connectionFailed, lost -> {
            log.debug("Rollback not sent, its connection is lost and PostgreSQL ends the transaction with it: {}", lost.toString());
            return Mono.empty();
        });
    }

    /** Whether the error is the connection's: an I/O error, or SQLSTATE class 08 (connection exception). */
    private static boolean connectionFailed(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null && r2dbc.getSqlState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
