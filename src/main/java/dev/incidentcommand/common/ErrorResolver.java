package dev.incidentcommand.common;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns request errors into GraphQL errors that say what is wrong. A database that cannot be
 * reached is {@code UNAVAILABLE}: temporary, and safe to retry. Anything else falls through to
 * Spring's default: an INTERNAL_ERROR with an id for the logs and no internals.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

    /** The database could not be reached or did not answer: nothing was changed, retrying is safe. */
    public static final ErrorClassification UNAVAILABLE = ErrorClassification.errorClassification("UNAVAILABLE");
    /** The request was stopped before it finished, and nothing it would have changed was kept. */
    public static final ErrorClassification CANCELLED = ErrorClassification.errorClassification("CANCELLED");
    private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof BadRequest) {
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(ex.getMessage()).build();
        }
        if (ex instanceof AbortExecutionException) {
            // The request was cancelled (its client left, or it ran out of time): already reported once.
            return GraphqlErrorBuilder.newError(env).errorType(CANCELLED)
                    .message("The request was stopped before it finished; nothing it would have changed was kept.").build();
        }
        if (databaseUnreachable(ex)) {
            log.warn("Database unavailable during {}: {}", env.getField().getName(), rootCause(ex).toString());
            return GraphqlErrorBuilder.newError(env).errorType(UNAVAILABLE)
                    .message("The database is unavailable at the moment, so nothing was changed. This is temporary: "
                            + "retry in a few seconds (for a mutation, with the same idempotencyKey).")
                    .build();
        }
        return null;
    }

    static boolean databaseUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
                    || cause instanceof R2dbcTimeoutException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof QueryTimeoutException || cause instanceof CannotCreateTransactionException
                    || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
