package dev.incidentcommand.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The structured impact assessment: the questions a commander asks first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Impact(
        String summary,
        Answer reproducible,
        Frequency frequency,
        Answer retriesSucceed,
        ImpactScope scope,
        String affectedUsers) {

    public enum Answer { YES, NO, UNKNOWN }

    public enum Frequency { EVERY_TIME, INTERMITTENT, UNKNOWN }

    public enum ImpactScope { ALL_USERS, SUBSET, UNKNOWN }

    public static final Impact UNKNOWN = new Impact(null, Answer.UNKNOWN, Frequency.UNKNOWN, Answer.UNKNOWN,
            ImpactScope.UNKNOWN, null);

    /** The assessment as it would be read out on the call. */
    public String describe() {
        StringBuilder text = new StringBuilder(summary == null ? "no statement yet" : summary);
        text.append(" (reproducible: ").append(reproducible)
                .append(", frequency: ").append(frequency)
                .append(", retries succeed: ").append(retriesSucceed)
                .append(", scope: ").append(scope);
        if (affectedUsers != null) {
            text.append(" – ").append(affectedUsers);
        }
        return text.append(')').toString();
    }
}
