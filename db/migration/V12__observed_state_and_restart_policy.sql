-- What the agents observe of each unit's container, kept apart from the desired and the lifecycle state, and the
-- unit's restart policy with its current streak of restarts (issue 10: observe, reconcile, restart).
ALTER TABLE unit ADD COLUMN observed VARCHAR(16);
ALTER TABLE unit ADD COLUMN observed_exit_code INTEGER;
ALTER TABLE unit ADD COLUMN observed_oom BOOLEAN DEFAULT FALSE NOT NULL;
-- the agent's clock when it looked: an older observation than this is ignored
ALTER TABLE unit ADD COLUMN observed_at TIMESTAMP WITH TIME ZONE;
-- the last log lines of the container's last exit the agent saw as it happened
ALTER TABLE unit ADD COLUMN observed_log VARCHAR(4000);
-- NULL: the admins' default (restart_settings, else BERTH_RESTART_POLICY)
ALTER TABLE unit ADD COLUMN restart_policy VARCHAR(16);
ALTER TABLE unit ADD COLUMN restarts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE unit ADD COLUMN next_restart_at TIMESTAMP WITH TIME ZONE;
-- the exits of the current streak, summarised once when it ends ("137 (OOM), 1, 1")
ALTER TABLE unit ADD COLUMN streak_exits VARCHAR(1000);
CREATE INDEX ix_unit_desired_state ON unit (desired_state, state);

-- An admin's restart rules, over the configured ones (BERTH_RESTART_*); one row at most, NULL: the configured one.
CREATE TABLE restart_settings (
    id                  BIGINT       PRIMARY KEY,
    policy              VARCHAR(16),
    restart_limit       INTEGER,
    backoff_seconds     INTEGER,
    max_backoff_seconds INTEGER,
    stable_seconds      INTEGER,
    updated_by          VARCHAR(128) NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
