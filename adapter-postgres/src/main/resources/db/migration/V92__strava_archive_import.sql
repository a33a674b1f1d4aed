-- The Strava archive import: a job of provider 'strava_archive' reads the user's uploaded ZIP file.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_provider_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_provider_check CHECK (provider IN ('strava', 'strava_archive'));
-- Not a foreign key: a job outlives the file it read (a finished import stays listed); the worker fails a
-- job whose file is gone as not_found.
ALTER TABLE import_jobs ADD COLUMN file_id uuid;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_archive_has_file
    CHECK ((provider = 'strava_archive') = (file_id IS NOT NULL));
