-- Client sessions: a user's client logged in (berth login, POST /api/sessions), its address, its units.
-- live_user holds the user's name while the session lives and NULL once it ended: its unique constraint keeps one
-- live session per user name, also against two logins at the same instant (NULLs never collide, in H2 and PostgreSQL).
CREATE TABLE client_session (
    id             VARCHAR(64)   PRIMARY KEY,
    user_name      VARCHAR(64)   NOT NULL,
    live_user      VARCHAR(64),
    client_address VARCHAR(64)   NOT NULL,
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    end_reason     VARCHAR(1000),
    version        BIGINT        NOT NULL,
    CONSTRAINT uq_client_session_live_user UNIQUE (live_user)
);
CREATE INDEX ix_client_session_user ON client_session (user_name, opened_at);

-- The units a session started (its end stops them); plain unit ids, as commands keep them.
CREATE TABLE client_session_unit (
    session_id VARCHAR(64) NOT NULL REFERENCES client_session (id),
    position   INTEGER     NOT NULL,
    unit_id    BIGINT      NOT NULL,
    PRIMARY KEY (session_id, position)
);

-- An admin's session rules, over the configured ones (BERTH_SESSION_*); one row at most, NULL: the configured one.
CREATE TABLE session_settings (
    id             BIGINT       PRIMARY KEY,
    policy         VARCHAR(16),
    expiry_seconds INTEGER,
    on_end         VARCHAR(16),
    updated_by     VARCHAR(128) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
