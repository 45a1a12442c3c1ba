-- Incident numbers are handed out by a counter row, not a sequence: the row is locked and moved
-- inside the declaring transaction, so a declaration that is deduplicated or rolled back takes no
-- number and keys stay gapless (INC-1, INC-2, ...).
CREATE TABLE incident_counter (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_number bigint  NOT NULL
);
INSERT INTO incident_counter (last_number)
SELECT coalesce(max(substring(key FROM 5)::bigint), 0) FROM incident WHERE key ~ '^INC-[0-9]+$';
DROP SEQUENCE incident_number;

-- Rule 4 counts a stall from when work stopped, not from declaration: the moment the incident
-- last had nothing acknowledged or in progress while still being worked on.
ALTER TABLE incident ADD COLUMN idle_since timestamptz;

-- A commander's stint carries the notes it was handed over with, or the reason command was taken.
ALTER TABLE participation ADD COLUMN handover_notes text;

-- Pages expire: past answer_by an unanswered page is recorded once (unanswered_reported_at).
ALTER TABLE page ADD COLUMN answer_by timestamptz;
UPDATE page SET answer_by = paged_at + interval '15 minutes';
ALTER TABLE page ALTER COLUMN answer_by SET NOT NULL;
ALTER TABLE page ADD COLUMN unanswered_reported_at timestamptz;
