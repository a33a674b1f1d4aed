-- A run's samples (API.md "Runs"): heart rate, cadence, power, temperature and distance per sample
-- time, as a watch records them beside the GPS track. One bytea in the run's row, like the track
-- (see SampleCodec, ADR 0014): it is the run's content, so row-level security, the (user_id, id) key
-- and soft deletes cover it as they cover the track. NULL for a run submitted without samples.
ALTER TABLE runs ADD COLUMN samples bytea;

-- Already compressed by its encoding; TOAST compression would only cost CPU.
ALTER TABLE runs ALTER COLUMN samples SET STORAGE EXTERNAL;

-- The watch platforms join the sources. NOT VALID then VALIDATE: the check of existing rows takes
-- no lock that blocks writes.
ALTER TABLE runs DROP CONSTRAINT runs_source_check;
ALTER TABLE runs ADD CONSTRAINT runs_source_check CHECK (
    source IN ('garmin', 'strava', 'phone', 'healthkit', 'manual', 'coros', 'polar', 'suunto', 'wahoo')) NOT VALID;
ALTER TABLE runs VALIDATE CONSTRAINT runs_source_check;
