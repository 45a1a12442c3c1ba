package dev.incidentcommand.incident;

/** The structured impact assessment: the questions a commander asks first. */
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

    /** This assessment with the given fields replaced; null fields keep their value. */
    public Impact merge(Impact changes) {
        return new Impact(
                changes.summary != null ? changes.summary : summary,
                changes.reproducible != null ? changes.reproducible : reproducible,
                changes.frequency != null ? changes.frequency : frequency,
                changes.retriesSucceed != null ? changes.retriesSucceed : retriesSucceed,
                changes.scope != null ? changes.scope : scope,
                changes.affectedUsers != null ? changes.affectedUsers : affectedUsers);
    }
}
