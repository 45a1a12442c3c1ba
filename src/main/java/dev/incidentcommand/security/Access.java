package dev.incidentcommand.security;

import java.util.List;
import java.util.Set;

import dev.incidentcommand.people.Role;
import graphql.language.OperationDefinition.Operation;

/**
 * What each role may ask of the API, judged from the operation's type and root fields before
 * anything runs. The rules of command then decide who may do what on an incident.
 */
final class Access {

    /** What alerting systems and deploy tools do. */
    static final Set<String> INTEGRATION_MUTATIONS = Set.of("declareIncident", "addNote", "reportRecurrence");
    /** Managing credentials and where notifications go. */
    static final Set<String> ADMIN_FIELDS = Set.of("createApiToken", "revokeApiToken", "apiTokens", "tokenAudit",
            "notificationChannels", "createNotificationChannel", "removeNotificationChannel", "discardNotificationBacklog");

    private Access() {
    }

    /** Null when {@code role} may run the operation; otherwise a sentence saying what it may not do. */
    static String refusal(Role role, Operation operation, List<String> rootFields) {
        if (role == Role.ADMIN) {
            return null;
        }
        for (String field : rootFields) {
            if (ADMIN_FIELDS.contains(field)) {
                return "'" + field + "' is for ADMIN tokens; this is a " + role + " credential.";
            }
        }
        return switch (operation) {
            case QUERY -> null;
            case SUBSCRIPTION -> role == Role.INTEGRATION
                    ? "INTEGRATION credentials send alerts and notes; following live timelines needs a VIEWER or RESPONDER credential."
                    : null;
            case MUTATION -> switch (role) {
                case VIEWER -> "A VIEWER credential reads and follows incidents; '" + rootFields.get(0)
                        + "' needs a RESPONDER credential.";
                case INTEGRATION -> rootFields.stream().filter(field -> !INTEGRATION_MUTATIONS.contains(field)).findFirst()
                        .map(field -> "An INTEGRATION credential may declare incidents, add notes and report recurrences; '"
                                + field + "' needs a RESPONDER credential.")
                        .orElse(null);
                default -> null;
            };
        };
    }

    /** Whether {@code role} may open a live connection at all. */
    static String connectionRefusal(Role role) {
        return role == Role.INTEGRATION
                ? "INTEGRATION credentials send alerts over HTTP; live connections need a VIEWER or RESPONDER credential."
                : null;
    }
}
