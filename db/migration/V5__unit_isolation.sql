-- Tenant isolation: the IPv4 networks (comma-separated CIDR) that may reach a user's units; NULL means the
-- configured default (berth.unit.allowed-clients). A user's uid is derived from the id and not stored.
ALTER TABLE app_user ADD COLUMN allowed_clients VARCHAR(2000);
-- The size limit of the user's home on each host; NULL means the configured default (berth.unit.disk).
ALTER TABLE app_user ADD COLUMN disk VARCHAR(32);
ALTER TABLE app_user ADD COLUMN disk_bytes BIGINT;
