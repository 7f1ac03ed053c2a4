-- Thread parts of the post's base version (targets may override them).
ALTER TABLE post ADD COLUMN parts JSONB NOT NULL DEFAULT '[]';
-- The list page sorts by when a post goes out, drafts without a time by creation.
CREATE INDEX post_workspace_sort_idx ON post (workspace_id, (coalesce(scheduled_at, created_at)), id);
