-- How late after its due time a post of this workspace may still go out; NULL keeps the
-- node's herald.worker.max-lateness. Seconds, so the engine reads it without interval
-- arithmetic.
ALTER TABLE workspace ADD COLUMN max_lateness_seconds bigint
    CHECK (max_lateness_seconds IS NULL OR max_lateness_seconds > 0);

-- When the latest wait for a network's rate limit or quota ended: the maximum lateness
-- counts from here when it is later than due_at, so a post that waited for a quota is
-- not failed as late by the first passing error after the wait.
ALTER TABLE post_target ADD COLUMN waited_until timestamptz;
