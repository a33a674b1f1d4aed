-- Where a run started, as a person names it ({"city", "region", "country"}), filled by reverse
-- geocoding after an imported or uploaded run is stored (docs/api.md, the run resource). Row-level
-- security on runs covers it like every other column.
ALTER TABLE runs ADD COLUMN location jsonb;
