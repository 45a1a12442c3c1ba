package dev.incidentcommand.common;

import java.util.List;

/** Why a mutation was refused: a stable code, a sentence for people, and the input field at fault. */
public record UserError(UserErrorCode code, String message, List<String> field) {

    public static UserError of(UserErrorCode code, String message) {
        return new UserError(code, message, null);
    }

    /** An error about {@code input.<name>}. */
    public static UserError onInput(String name, UserErrorCode code, String message) {
        return new UserError(code, message, List.of("input", name));
    }
}
