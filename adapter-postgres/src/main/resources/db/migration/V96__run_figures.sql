-- A run's derived figures (docs/api.md, the run resource's "stats"), computed once when the run is
-- stored (RunFiguresCalculator) so that GET /api/v1/stats is one aggregate over these columns. A
-- run's track and samples never change after it is stored, so neither do its figures.
--
-- No backfill here: the figures of older runs need their track decoded (TrackCodec), which SQL cannot
-- do, and an UPDATE under the table's forced row-level security would see no row unless the owner
-- bypasses it. Rows stored before this migration keep NULL; reads take their moving time from the
-- submitted duration_s (what API clients declared as moving time) and their other figures as unknown.
ALTER TABLE runs
    ADD COLUMN moving_time_s     bigint           CHECK (moving_time_s >= 0),
    ADD COLUMN elevation_gain_m  double precision CHECK (elevation_gain_m >= 0),
    ADD COLUMN elevation_loss_m  double precision CHECK (elevation_loss_m >= 0),
    ADD COLUMN avg_heart_rate    double precision,
    ADD COLUMN max_heart_rate    integer,
    ADD COLUMN avg_cadence       double precision,
    ADD COLUMN avg_pace_s_per_km double precision;
