-- spinewatch history, schema version 2: one row per wearer-minute.
-- Up to version 1 a monitor restarted within a minute wrote that minute twice, each row holding a part of it.
-- This script adds how long each angle was measured (the weight its mean needs to merge exactly), merges
-- the rows of each (wearer_id, minute_ms) that is there more than once, and makes that pair unique. From
-- now on HistoryStore.write merges into the existing row by the same rule (MinuteAggregate.merge).
-- Same SQL for H2 2.x and PostgreSQL. Statements end with a semicolon at the end of a line.

-- NULL with a mean present marks a row from version 1, which did not keep the weight: its angles count as
-- measured for the row's seconds in states (exact unless a sensor dropped out during that minute). Rows are
-- not rewritten to fill it in: on a large PostgreSQL history that would rewrite the whole table.
ALTER TABLE minute_aggregate ADD COLUMN lumbar_flexion_measured_s DOUBLE PRECISION;
ALTER TABLE minute_aggregate ADD COLUMN thoracic_flexion_measured_s DOUBLE PRECISION;
ALTER TABLE minute_aggregate ADD COLUMN pelvic_tilt_measured_s DOUBLE PRECISION;
ALTER TABLE minute_aggregate ADD COLUMN trunk_lean_measured_s DOUBLE PRECISION;

-- The wearer-minutes there more than once. Their keys first, in a work table with an index: H2 then groups
-- and deletes only those rows instead of the whole table.
CREATE TABLE minute_aggregate_v2_twice AS
SELECT wearer_id, minute_ms FROM minute_aggregate GROUP BY wearer_id, minute_ms HAVING COUNT(*) > 1;
CREATE INDEX minute_aggregate_v2_twice_key ON minute_aggregate_v2_twice (wearer_id, minute_ms);
-- Merged: seconds per state summed; per angle the mean weighted by the row's seconds in states (w; the plain
-- mean of the means when those are all 0), the lowest minimum, the highest maximum, the weights summed. SUM,
-- MIN, MAX and AVG skip NULLs: an angle no row has stays NULL.
CREATE TABLE minute_aggregate_v2_merged AS
SELECT wearer_id, minute_ms,
    SUM(calibrating_s) AS calibrating_s,
    SUM(upright_s) AS upright_s,
    SUM(slouched_s) AS slouched_s,
    SUM(leaning_s) AS leaning_s,
    SUM(standing_s) AS standing_s,
    SUM(walking_s) AS walking_s,
    SUM(no_signal_s) AS no_signal_s,
    SUM(other_s) AS other_s,
    SUM(row_s) AS total_s,
    CASE WHEN SUM(lumbar_flexion_w) > 0 THEN SUM(lumbar_flexion_mean_deg * lumbar_flexion_w) / SUM(lumbar_flexion_w)
        ELSE AVG(lumbar_flexion_mean_deg) END AS lumbar_flexion_mean_deg,
    MIN(lumbar_flexion_min_deg) AS lumbar_flexion_min_deg,
    MAX(lumbar_flexion_max_deg) AS lumbar_flexion_max_deg,
    SUM(lumbar_flexion_w) AS lumbar_flexion_measured_s,
    CASE WHEN SUM(thoracic_flexion_w) > 0 THEN SUM(thoracic_flexion_mean_deg * thoracic_flexion_w) / SUM(thoracic_flexion_w)
        ELSE AVG(thoracic_flexion_mean_deg) END AS thoracic_flexion_mean_deg,
    MIN(thoracic_flexion_min_deg) AS thoracic_flexion_min_deg,
    MAX(thoracic_flexion_max_deg) AS thoracic_flexion_max_deg,
    SUM(thoracic_flexion_w) AS thoracic_flexion_measured_s,
    CASE WHEN SUM(pelvic_tilt_w) > 0 THEN SUM(pelvic_tilt_mean_deg * pelvic_tilt_w) / SUM(pelvic_tilt_w)
        ELSE AVG(pelvic_tilt_mean_deg) END AS pelvic_tilt_mean_deg,
    MIN(pelvic_tilt_min_deg) AS pelvic_tilt_min_deg,
    MAX(pelvic_tilt_max_deg) AS pelvic_tilt_max_deg,
    SUM(pelvic_tilt_w) AS pelvic_tilt_measured_s,
    CASE WHEN SUM(trunk_lean_w) > 0 THEN SUM(trunk_lean_mean_deg * trunk_lean_w) / SUM(trunk_lean_w)
        ELSE AVG(trunk_lean_mean_deg) END AS trunk_lean_mean_deg,
    MIN(trunk_lean_min_deg) AS trunk_lean_min_deg,
    MAX(trunk_lean_max_deg) AS trunk_lean_max_deg,
    SUM(trunk_lean_w) AS trunk_lean_measured_s
FROM (SELECT r.*,
        CASE WHEN lumbar_flexion_mean_deg IS NOT NULL THEN row_s END AS lumbar_flexion_w,
        CASE WHEN thoracic_flexion_mean_deg IS NOT NULL THEN row_s END AS thoracic_flexion_w,
        CASE WHEN pelvic_tilt_mean_deg IS NOT NULL THEN row_s END AS pelvic_tilt_w,
        CASE WHEN trunk_lean_mean_deg IS NOT NULL THEN row_s END AS trunk_lean_w
    FROM (SELECT m.*, calibrating_s + upright_s + slouched_s + leaning_s + standing_s + walking_s + no_signal_s + other_s AS row_s
        FROM minute_aggregate m WHERE EXISTS (SELECT 1 FROM minute_aggregate_v2_twice t
            WHERE t.wearer_id = m.wearer_id AND t.minute_ms = m.minute_ms)) r) weighted
GROUP BY wearer_id, minute_ms;

DELETE FROM minute_aggregate WHERE EXISTS (SELECT 1 FROM minute_aggregate_v2_twice t
    WHERE t.wearer_id = minute_aggregate.wearer_id AND t.minute_ms = minute_aggregate.minute_ms);

-- Parts that overlap (more than 60 s together) are scaled back to 60 s, as the accumulator does with rounding;
-- the mean is kept within min..max against rounding.
INSERT INTO minute_aggregate (
    wearer_id, minute_ms, calibrating_s, upright_s, slouched_s, leaning_s, standing_s, walking_s,
    no_signal_s, other_s, lumbar_flexion_mean_deg, lumbar_flexion_min_deg, lumbar_flexion_max_deg,
    lumbar_flexion_measured_s, thoracic_flexion_mean_deg, thoracic_flexion_min_deg, thoracic_flexion_max_deg,
    thoracic_flexion_measured_s, pelvic_tilt_mean_deg, pelvic_tilt_min_deg, pelvic_tilt_max_deg,
    pelvic_tilt_measured_s, trunk_lean_mean_deg, trunk_lean_min_deg, trunk_lean_max_deg, trunk_lean_measured_s)
SELECT
    wearer_id, minute_ms, calibrating_s * f, upright_s * f, slouched_s * f, leaning_s * f, standing_s * f,
    walking_s * f, no_signal_s * f, other_s * f,
    LEAST(GREATEST(lumbar_flexion_mean_deg, lumbar_flexion_min_deg), lumbar_flexion_max_deg),
    lumbar_flexion_min_deg, lumbar_flexion_max_deg, lumbar_flexion_measured_s * f,
    LEAST(GREATEST(thoracic_flexion_mean_deg, thoracic_flexion_min_deg), thoracic_flexion_max_deg),
    thoracic_flexion_min_deg, thoracic_flexion_max_deg, thoracic_flexion_measured_s * f,
    LEAST(GREATEST(pelvic_tilt_mean_deg, pelvic_tilt_min_deg), pelvic_tilt_max_deg), pelvic_tilt_min_deg,
    pelvic_tilt_max_deg, pelvic_tilt_measured_s * f,
    LEAST(GREATEST(trunk_lean_mean_deg, trunk_lean_min_deg), trunk_lean_max_deg), trunk_lean_min_deg,
    trunk_lean_max_deg, trunk_lean_measured_s * f
FROM (SELECT m.*, CASE WHEN total_s > 60 THEN 60 / total_s ELSE 1 END AS f
    FROM minute_aggregate_v2_merged m) scaled;

DROP TABLE minute_aggregate_v2_merged;
DROP TABLE minute_aggregate_v2_twice;

-- The unique constraint's index serves the (wearer_id, minute_ms) lookups the old index did.
DROP INDEX minute_by_wearer_time;
ALTER TABLE minute_aggregate ADD CONSTRAINT minute_aggregate_one_per_minute UNIQUE (wearer_id, minute_ms);
