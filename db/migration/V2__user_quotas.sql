-- Aggregate quotas per user, beyond the guide: how many units, and how much memory all running units together.
-- NULL means no limit.
ALTER TABLE app_user ADD COLUMN max_units INTEGER;
ALTER TABLE app_user ADD COLUMN max_memory VARCHAR(32);
ALTER TABLE app_user ADD COLUMN max_memory_bytes BIGINT;
