-- How late after its due time a post of this workspace may still go out; NULL keeps the
-- node's herald.worker.max-lateness. Seconds, so the engine reads it without interval
-- arithmetic.
ALTER TABLE workspace ADD COLUMN max_lateness_seconds bigint
    CHECK (max_lateness_seconds IS NULL OR max_lateness_seconds > 0);
