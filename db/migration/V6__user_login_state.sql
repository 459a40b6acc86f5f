-- Logins that hold under abuse (issue 7, item 5).
-- A disabled user cannot log in; their units were stopped when they were disabled.
ALTER TABLE app_user ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;

-- Failed logins per name tried, whether or not a user has that name: known and unknown names take the same path
-- (same reads, writes and PBKDF2 work), so neither the answer nor its timing tells whether a name exists.
-- A row goes away with the next successful login, an admin's reset, or when housekeeping finds it stale.
CREATE TABLE login_throttle (
    name             VARCHAR(64) PRIMARY KEY,
    failures         INTEGER     NOT NULL,
    first_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_source      VARCHAR(64),
    locked_until     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_login_throttle_last ON login_throttle (last_failure_at);

-- Agents no longer get a download token in their LOAD_IMAGE message (no secret in a JMS message): each agent proves
-- itself with a key derived from its own secret for that upload and host, which the manager recomputes.
ALTER TABLE image_upload DROP COLUMN token_hash;
