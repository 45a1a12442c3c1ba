package dev.incidentcommand.incident;

/** SEV1 is the worst. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4, SEV5;

    public boolean isWorseThan(Severity other) {
        return ordinal() < other.ordinal();
    }
}
