-- Daily entries: one row per user and day. Each value is kept in two layers, the device's and the
-- manual one (NULL = absent), so an ingest can update the device layer without ever touching a
-- manual value. *_manual_by names the coach who corrected a value (NULL: the user entered it).
-- The primary key is the natural one, (user_id, date): a day has one entry whatever its sources.
CREATE TABLE daily_entries (
    user_id                  text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    date                     date        NOT NULL,
    steps_device             integer     CHECK (steps_device BETWEEN 0 AND 200000),
    steps_device_source      text,
    steps_manual             integer     CHECK (steps_manual BETWEEN 0 AND 200000),
    steps_manual_by          text,
    sleep_min_device         integer     CHECK (sleep_min_device BETWEEN 0 AND 1440),
    sleep_min_device_source  text,
    sleep_min_manual         integer     CHECK (sleep_min_manual BETWEEN 0 AND 1440),
    sleep_min_manual_by      text,
    sleep_quality_manual     integer     CHECK (sleep_quality_manual BETWEEN 1 AND 5),
    sleep_quality_manual_by  text,
    notes_manual             text        CHECK (char_length(notes_manual) <= 10000),
    notes_manual_by          text,
    device_sources           text[]      NOT NULL DEFAULT '{}',
    version                  bigint      NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    deleted_at               timestamptz,
    PRIMARY KEY (user_id, date),
    CHECK ((steps_device IS NULL) = (steps_device_source IS NULL)),
    CHECK ((sleep_min_device IS NULL) = (sleep_min_device_source IS NULL)),
    CHECK (steps_manual_by IS NULL OR steps_manual IS NOT NULL),
    CHECK (sleep_min_manual_by IS NULL OR sleep_min_manual IS NOT NULL),
    CHECK (sleep_quality_manual_by IS NULL OR sleep_quality_manual IS NOT NULL),
    CHECK (notes_manual_by IS NULL OR notes_manual IS NOT NULL)
);

-- Sync pulls find a user's changes by version.
CREATE INDEX daily_entries_user_version ON daily_entries (user_id, version);

ALTER TABLE daily_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY daily_entries_isolation ON daily_entries
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());

-- Each device platform's own record of the night behind a day's sleep minutes.
CREATE TABLE sleep_records (
    user_id     text        NOT NULL,
    date        date        NOT NULL,
    source      text        NOT NULL,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    total_min   integer     NOT NULL CHECK (total_min BETWEEN 0 AND 1440),
    deep_min    integer     CHECK (deep_min BETWEEN 0 AND 1440),
    light_min   integer     CHECK (light_min BETWEEN 0 AND 1440),
    rem_min     integer     CHECK (rem_min BETWEEN 0 AND 1440),
    awake_min   integer     CHECK (awake_min BETWEEN 0 AND 1440),
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, date, source),
    FOREIGN KEY (user_id, date) REFERENCES daily_entries (user_id, date) ON DELETE CASCADE,
    CHECK (end_at > start_at)
);

ALTER TABLE sleep_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE sleep_records FORCE ROW LEVEL SECURITY;
CREATE POLICY sleep_records_isolation ON sleep_records
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());
