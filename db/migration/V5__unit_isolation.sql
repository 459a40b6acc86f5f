-- Tenant isolation: the IPv4 networks (comma-separated CIDR) that may reach a user's units; NULL means the
-- configured default (berth.unit.allowed-clients). A user's uid is derived from the id and not stored.
ALTER TABLE app_user ADD COLUMN allowed_clients VARCHAR(2000);
