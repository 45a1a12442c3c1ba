-- What the rules of command need to remember so that each reminder, stall, missed check-in,
-- overdue task, relief suggestion and end of a monitoring window is recorded exactly once.

ALTER TABLE incident
    ADD COLUMN stalled_since        timestamptz,
    ADD COLUMN last_check_in_at     timestamptz,
    ADD COLUMN check_in_missed_at   timestamptz,
    ADD COLUMN monitoring_until     timestamptz,
    ADD COLUMN monitoring_ended     boolean NOT NULL DEFAULT false,
    -- The earliest moment any rule needs another look at this incident; the sweeper's work list.
    ADD COLUMN next_due_at          timestamptz;
UPDATE incident SET last_check_in_at = declared_at;
ALTER TABLE incident ALTER COLUMN last_check_in_at SET NOT NULL;
CREATE INDEX incident_next_due ON incident (next_due_at) WHERE next_due_at IS NOT NULL;

ALTER TABLE task
    ADD COLUMN assigned_at          timestamptz,
    ADD COLUMN ack_reminded_at      timestamptz,
    -- The expected completion time an overdue event was recorded for; a new dueAt can be overdue again.
    ADD COLUMN overdue_reported_for timestamptz,
    ADD COLUMN override_reason      text;
UPDATE task SET assigned_at = created_at;
ALTER TABLE task ALTER COLUMN assigned_at SET NOT NULL;

-- Responders suggested for relief, once per continuous stay on an incident.
CREATE TABLE relief_suggestion (
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    responder_id    bigint      NOT NULL REFERENCES responder (id),
    present_since   timestamptz NOT NULL,
    suggested_at    timestamptz NOT NULL,
    PRIMARY KEY (incident_id, responder_id, present_since)
);
