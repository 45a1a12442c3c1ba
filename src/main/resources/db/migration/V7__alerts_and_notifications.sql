-- Where the alert that declared an incident can be seen, when an alerting system declared it.
ALTER TABLE incident ADD COLUMN alert_url text;

-- Where people are told about incidents: a chat webhook, a signed JSON webhook, or a paging service.
-- The secret signs webhook bodies or is the paging service's routing key; it is never shown back.
CREATE TABLE notification_channel (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text        NOT NULL,
    kind                 text        NOT NULL,
    url                  text        NOT NULL,
    events               text[]      NOT NULL,
    secret               text,
    created_at           timestamptz NOT NULL,
    created_by_id        bigint      NOT NULL REFERENCES responder (id),
    consecutive_failures integer     NOT NULL DEFAULT 0,
    failing_since        timestamptz,
    last_error           text,
    last_delivered_at    timestamptz,
    removed_at           timestamptz
);

-- The outbox: each notification is written in the transaction of the event it tells about, then
-- delivered after commit by whichever instance claims it. Per channel and incident only the
-- oldest undelivered one may be sent, so order is kept; claimed_until leases it to one sender.
CREATE TABLE notification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     uuid        NOT NULL UNIQUE,
    channel_id      bigint      NOT NULL REFERENCES notification_channel (id),
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    sequence        integer     NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    delivered_at    timestamptz,
    discarded_at    timestamptz,
    last_error      text
);
CREATE INDEX notification_pending ON notification (channel_id, incident_id, id)
    WHERE delivered_at IS NULL AND discarded_at IS NULL;
-- Names are unique among the channels in use; a removed channel's name may be used again.
CREATE UNIQUE INDEX notification_channel_name ON notification_channel (name) WHERE removed_at IS NULL;
