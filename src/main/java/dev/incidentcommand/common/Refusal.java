package dev.incidentcommand.common;

import java.util.List;

/**
 * A domain rule refused the change. Thrown inside the change's transaction so that nothing of
 * it is kept; turned into the payload's {@code userErrors} at the edge.
 */
public class Refusal extends RuntimeException {

    private final List<UserError> errors;

    public Refusal(List<UserError> errors) {
        super(errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public Refusal(UserErrorCode code, String message) {
        this(List.of(UserError.of(code, message)));
    }

    public static Refusal onInput(String field, UserErrorCode code, String message) {
        return new Refusal(List.of(UserError.onInput(field, code, message)));
    }

    public List<UserError> errors() {
        return errors;
    }
}
