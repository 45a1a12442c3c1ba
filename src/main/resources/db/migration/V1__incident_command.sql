-- Incident Command's tables. Flyway runs this inside the application's own schema
-- (incident-command.database.schema), so no table here names its schema.

CREATE TABLE responder (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle      text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE SEQUENCE incident_number;

CREATE TABLE incident (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key             text        NOT NULL UNIQUE,
    title           text        NOT NULL,
    severity        text        NOT NULL,
    status          text        NOT NULL,
    source          text        NOT NULL,
    external_ref    text,
    impact          jsonb       NOT NULL,
    call_url        text,
    commander_id    bigint REFERENCES responder (id),
    declared_by_id  bigint      NOT NULL REFERENCES responder (id),
    detected_at     timestamptz NOT NULL,
    declared_at     timestamptz NOT NULL,
    acknowledged_at timestamptz,
    mitigated_at    timestamptz,
    resolved_at     timestamptz,
    updated_at      timestamptz NOT NULL,
    -- Sequence of the newest timeline event. Bumped under the row lock that every change
    -- takes first, which is what keeps each incident's sequences gapless.
    last_sequence   integer     NOT NULL DEFAULT 0
);

-- One unresolved incident per alert: a repeated alert finds the open incident instead.
CREATE UNIQUE INDEX incident_open_alert ON incident (source, external_ref)
    WHERE external_ref IS NOT NULL AND status <> 'RESOLVED';
CREATE INDEX incident_active ON incident (id DESC) WHERE status <> 'RESOLVED';

CREATE TABLE participation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    responder_id    bigint      NOT NULL REFERENCES responder (id),
    role            text        NOT NULL,
    since           timestamptz NOT NULL,
    until           timestamptz
);
CREATE INDEX participation_incident ON participation (incident_id, id);
CREATE UNIQUE INDEX participation_one_open_role ON participation (incident_id, responder_id, role)
    WHERE until IS NULL;

CREATE TABLE page (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    responder_id    bigint      NOT NULL REFERENCES responder (id),
    paged_by_id     bigint      NOT NULL REFERENCES responder (id),
    reason          text,
    paged_at        timestamptz NOT NULL,
    answered_at     timestamptz
);
CREATE INDEX page_incident ON page (incident_id, id);

CREATE TABLE task (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    kind            text        NOT NULL,
    title           text        NOT NULL,
    assignee_id     bigint      NOT NULL REFERENCES responder (id),
    status          text        NOT NULL,
    created_by_id   bigint      NOT NULL REFERENCES responder (id),
    created_at      timestamptz NOT NULL,
    acknowledged_at timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    due_at          timestamptz,
    outcome         text,
    resolution      text
);
CREATE INDEX task_incident ON task (incident_id, id);

CREATE TABLE stakeholder_update (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    audience        text        NOT NULL,
    body            text        NOT NULL,
    author_id       bigint      NOT NULL REFERENCES responder (id),
    posted_at       timestamptz NOT NULL
);
CREATE INDEX stakeholder_update_incident ON stakeholder_update (incident_id, id);

CREATE TABLE note (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    kind            text        NOT NULL,
    body            text        NOT NULL,
    url             text,
    author_id       bigint      NOT NULL REFERENCES responder (id),
    added_at        timestamptz NOT NULL
);
CREATE INDEX note_incident ON note (incident_id, id);

-- The record. Rows are only ever inserted.
CREATE TABLE timeline_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    sequence        integer     NOT NULL,
    kind            text        NOT NULL,
    at              timestamptz NOT NULL,
    actor_id        bigint      NOT NULL REFERENCES responder (id),
    summary         text        NOT NULL,
    details         jsonb       NOT NULL,
    UNIQUE (incident_id, sequence)
);

CREATE FUNCTION timeline_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline events are never changed or removed';
END;
$$;
CREATE TRIGGER timeline_event_append_only BEFORE UPDATE OR DELETE ON timeline_event
    FOR EACH ROW EXECUTE FUNCTION timeline_event_is_append_only();

-- Results of mutations sent with an idempotency key, so a retry returns the first result.
-- The row is claimed at the start of the mutation's transaction (a concurrent retry waits on
-- it) and its receipt filled in before commit.
CREATE TABLE idempotency_key (
    mutation        text        NOT NULL,
    key             text        NOT NULL,
    request_hash    text        NOT NULL,
    receipt         jsonb,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (mutation, key)
);
