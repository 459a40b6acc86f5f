-- Image loads: an admin uploads an image tar once; one LOAD_IMAGE command per target host fetches it from the
-- manager. Such a command concerns a host, not a unit, so command.unit_id may now be NULL, and the command names
-- its upload. The upload row keeps the tar's checksum and only a hash of the agents' download token.
ALTER TABLE command ALTER COLUMN unit_id DROP NOT NULL;
ALTER TABLE command ADD COLUMN upload_id VARCHAR(64);
CREATE INDEX ix_command_upload ON command (upload_id);

CREATE TABLE image_upload (
    id              VARCHAR(64)  PRIMARY KEY,
    actor           VARCHAR(128) NOT NULL,
    target          VARCHAR(128) NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    file_removed_at TIMESTAMP WITH TIME ZONE
);
