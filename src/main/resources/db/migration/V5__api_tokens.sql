-- API tokens: credentials for people and tooling. Only a hash of each secret is kept; the secret
-- itself is shown once, when the token is created.
CREATE TABLE api_token (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL,
    secret_hash     text        NOT NULL UNIQUE,
    -- The first characters of the secret, so people can tell their tokens apart.
    prefix          text        NOT NULL,
    responder_id    bigint      NOT NULL REFERENCES responder (id),
    role            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by_id   bigint      REFERENCES responder (id),
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    revoked_by_id   bigint      REFERENCES responder (id)
);

-- Who created and revoked which token, and when: kept even after tokens are revoked.
CREATE TABLE token_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id    bigint      NOT NULL REFERENCES api_token (id),
    action      text        NOT NULL,
    actor_id    bigint      NOT NULL REFERENCES responder (id),
    at          timestamptz NOT NULL
);
CREATE INDEX token_audit_at ON token_audit (at DESC);

-- Idempotency keys belong to the principal that sent them: another caller's key is a different key.
ALTER TABLE idempotency_key ADD COLUMN principal text NOT NULL DEFAULT '';
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (principal, mutation, key);
