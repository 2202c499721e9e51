-- Switchboard store, PostgreSQL flavour. The SQLite migration of the same version has the same tables,
-- columns and meanings. Conventions: timestamps are epoch milliseconds (UTC) in BIGINT columns; money
-- is whole nano-dollars (1e-9 USD) in BIGINT columns; name lists are JSON arrays in TEXT (NULL = all).

CREATE TABLE projects (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    allowed_models TEXT,
    rpm            BIGINT,
    tpm            BIGINT,
    concurrency    INTEGER,
    max_requests   BIGINT,
    budget_nanos   BIGINT,
    budget_period  TEXT    CHECK (budget_period IN ('day', 'week', 'month')),
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    log_bodies     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE virtual_keys (
    id                TEXT    PRIMARY KEY,
    name              TEXT    NOT NULL,
    project_id        TEXT    REFERENCES projects (id),
    key_hash          TEXT    NOT NULL UNIQUE,
    prefix            TEXT    NOT NULL,
    expires_at        BIGINT,
    revoked_at        BIGINT,
    allowed_models    TEXT,
    allowed_endpoints TEXT,
    rpm               BIGINT,
    tpm               BIGINT,
    concurrency       INTEGER,
    max_requests      BIGINT,
    budget_nanos      BIGINT,
    budget_period     TEXT    CHECK (budget_period IN ('day', 'week', 'month')),
    log_bodies        BOOLEAN,
    last_used_at      BIGINT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);
CREATE INDEX virtual_keys_project ON virtual_keys (project_id);
CREATE INDEX virtual_keys_updated ON virtual_keys (updated_at);

CREATE TABLE credentials (
    id          TEXT    PRIMARY KEY,
    provider    TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    ciphertext  BYTEA   NOT NULL,
    key_version INTEGER NOT NULL,
    masked_hint TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (provider, name)
);

CREATE TABLE usage_records (
    request_id         TEXT    PRIMARY KEY,
    ts                 BIGINT  NOT NULL,
    key_id             TEXT,
    key_name           TEXT,
    project_id         TEXT,
    provider           TEXT,
    model              TEXT,
    requested_model    TEXT,
    endpoint           TEXT,
    status             INTEGER NOT NULL,
    error_kind         TEXT,
    stream             BOOLEAN NOT NULL,
    input_tokens       BIGINT  NOT NULL,
    output_tokens      BIGINT  NOT NULL,
    cache_read_tokens  BIGINT  NOT NULL,
    cache_write_tokens BIGINT  NOT NULL,
    reasoning_tokens   BIGINT  NOT NULL,
    estimated          BOOLEAN NOT NULL,
    cost_nanos         BIGINT,
    latency_ms         BIGINT,
    ttfb_ms            BIGINT,
    attempts           INTEGER NOT NULL,
    client_format      TEXT
);
CREATE INDEX usage_records_ts ON usage_records (ts);
CREATE INDEX usage_records_key_ts ON usage_records (key_id, ts);
CREATE INDEX usage_records_project_ts ON usage_records (project_id, ts);

CREATE TABLE request_log (
    request_id         TEXT    PRIMARY KEY,
    ts                 BIGINT  NOT NULL,
    key_id             TEXT,
    project_id         TEXT,
    request_body       TEXT,
    response_body      TEXT,
    truncated          BOOLEAN NOT NULL
);
CREATE INDEX request_log_ts ON request_log (ts);

CREATE TABLE audit_log (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   TEXT,
    detail      TEXT
);
CREATE INDEX audit_log_ts ON audit_log (ts);
