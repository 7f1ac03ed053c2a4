-- The publishing engine's bookkeeping on post_target.

-- Set when a publish call may have reached the network and its outcome is not known yet
-- (written with the attempt row before the call, kept on UNKNOWN_OUTCOME and when a node
-- dies mid-call). While set, the engine reconciles with the network before sending again.
ALTER TABLE post_target ADD COLUMN uncertain_since TIMESTAMPTZ;

-- When a scheduled target is ready: its due time, or later when a retry is pending.
-- GREATEST ignores NULLs, so a first attempt is ready at due_at.
CREATE INDEX post_target_ready_idx ON post_target ((GREATEST(due_at, next_attempt_at))) WHERE status = 'SCHEDULED';
