package dev.incidentcommand.incident;

/** The input of a mutation that changes one incident, named by its id or key. */
public interface IncidentInput<I extends IncidentInput<I>> extends MutationInput<I> {

    String incidentId();
}
