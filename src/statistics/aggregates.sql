-- A request shape's precomputed profile rows (aggregates.ts): the rows profile.sql and profile.ts
-- would compute for the same shape, read instead of aggregated. The indicators and the chosen
-- period are picked as profile.sql picks them (each indicator's latest period anywhere, or the
-- named one); a series is every period up to the chosen one.
--
-- $version_id VARCHAR; $settings VARCHAR; $all_indicators BOOLEAN; $indicator_ids VARCHAR[];
-- $theme VARCHAR (null: all); $period VARCHAR (null: each indicator's latest); $series BOOLEAN.
WITH selected AS (
  SELECT indicator_id
  FROM indicator
  WHERE ($all_indicators OR list_contains($indicator_ids, indicator_id))
    AND (CAST($theme AS VARCHAR) IS NULL OR theme = lower(CAST($theme AS VARCHAR)))
),
chosen AS (
  SELECT p.indicator_id,
         max(p.period_start) FILTER (WHERE CAST($period AS VARCHAR) IS NULL OR p.period = CAST($period AS VARCHAR)) AS chosen_start
  FROM indicator_period AS p
  SEMI JOIN selected AS s ON s.indicator_id = p.indicator_id
  GROUP BY p.indicator_id
)
SELECT a.indicator_id, a.area_kind, a.area_code, a.area_name, a.period,
       strftime(a.period_start, '%Y-%m-%d') AS period_start,
       a.value, a.numerator, a.denominator, a.lower_ci95, a.upper_ci95, a.lower_ci998, a.upper_ci998,
       a.county_value, a.comparison, a.trend, a.rank, a.rank_out_of, a.quintile, a.suppressed, a.note,
       a.coverage, a.denominator_coverage, a.incomplete, a.small_area_lookup
FROM profile_aggregate AS a
JOIN chosen AS c ON c.indicator_id = a.indicator_id
WHERE a.version_id = $version_id AND a.settings = $settings
  AND (CASE WHEN $series THEN a.period_start <= c.chosen_start ELSE a.period_start = c.chosen_start END)
ORDER BY a.indicator_id, a.area_kind, a.area_code, a.period_start
