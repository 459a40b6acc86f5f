-- Each host's agent has a broker account of its own (user agent-<host>): only the PBKDF2 hash of its password is
-- kept, and when it was last issued. A host without a hash has no agent account (never enrolled, or revoked).
ALTER TABLE host ADD COLUMN agent_password_hash VARCHAR(400);
ALTER TABLE host ADD COLUMN agent_keyed_at TIMESTAMP WITH TIME ZONE;
