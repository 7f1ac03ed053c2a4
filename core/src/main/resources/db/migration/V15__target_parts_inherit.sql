-- A target's thread parts: NULL inherits the post's parts; a list, even an empty one, is the
-- target's own (an empty list: no thread on that network). Until now '[]' meant "not
-- overridden" for publishing while validation read it as "no thread"; it was also what
-- every target without an override stored, so existing '[]' rows mean "inherit".
ALTER TABLE post_target ALTER COLUMN parts DROP NOT NULL;
ALTER TABLE post_target ALTER COLUMN parts DROP DEFAULT;
UPDATE post_target SET parts = NULL WHERE parts = '[]'::jsonb;
