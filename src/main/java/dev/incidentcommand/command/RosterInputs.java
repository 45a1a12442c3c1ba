package dev.incidentcommand.command;

import dev.incidentcommand.common.Inputs;
import dev.incidentcommand.common.UserErrorCode;
import dev.incidentcommand.incident.IncidentInput;
import dev.incidentcommand.people.ParticipantRole;

/** The inputs of the mutations on who is on an incident and who commands it, each checking itself. */
final class RosterInputs {

    private RosterInputs() {
    }

    record AssignCommanderInput(String incidentId, String commander, String idempotencyKey)
            implements IncidentInput<AssignCommanderInput> {
        @Override
        public AssignCommanderInput check(Inputs inputs) {
            return new AssignCommanderInput(incidentId, inputs.handle("commander", commander), idempotencyKey);
        }
    }

    record HandOverCommandInput(String incidentId, String to, String notes, String idempotencyKey)
            implements IncidentInput<HandOverCommandInput> {
        @Override
        public HandOverCommandInput check(Inputs inputs) {
            return new HandOverCommandInput(incidentId, inputs.handle("to", to), inputs.optional("notes", notes, Inputs.BODY),
                    idempotencyKey);
        }
    }

    record TakeCommandInput(String incidentId, String reason, String idempotencyKey)
            implements IncidentInput<TakeCommandInput> {
        @Override
        public TakeCommandInput check(Inputs inputs) {
            return new TakeCommandInput(incidentId, inputs.required("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    record PageResponderInput(String incidentId, String responder, String name, String reason, String idempotencyKey)
            implements IncidentInput<PageResponderInput> {
        @Override
        public PageResponderInput check(Inputs inputs) {
            return new PageResponderInput(incidentId, inputs.handle("responder", responder),
                    inputs.optional("name", name, Inputs.NAME), inputs.optional("reason", reason, Inputs.REASON), idempotencyKey);
        }
    }

    /** {@code responder} defaults to the acting responder, filled in by the service. */
    record JoinIncidentInput(String incidentId, String responder, ParticipantRole role, String idempotencyKey)
            implements IncidentInput<JoinIncidentInput> {
        @Override
        public JoinIncidentInput check(Inputs inputs) {
            ParticipantRole chosen = role == null ? ParticipantRole.RESPONDER : role;
            String handle = responder == null ? null : inputs.handle("responder", responder);
            inputs.require(chosen != ParticipantRole.COMMANDER, "role", UserErrorCode.INVALID_VALUE,
                    "Command is taken with assignCommander, handOverCommand or takeCommand, not by joining.");
            return new JoinIncidentInput(incidentId, handle, chosen, idempotencyKey);
        }
    }

    /** {@code responder} defaults to the acting responder, filled in by the service. */
    record LeaveIncidentInput(String incidentId, String responder, String idempotencyKey)
            implements IncidentInput<LeaveIncidentInput> {
        @Override
        public LeaveIncidentInput check(Inputs inputs) {
            return new LeaveIncidentInput(incidentId, responder == null ? null : inputs.handle("responder", responder),
                    idempotencyKey);
        }
    }
}
