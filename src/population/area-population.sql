-- The population of every locality, every group of localities and the whole area of one geography version, for one
-- age band and one period ($period, or the latest period with data for the band when null), in
-- one query. Small areas contribute weight x population to each locality they lie in; their
-- weights sum to 1, so the localities sum to the county exactly.
WITH chosen AS (
  SELECT coalesce(CAST($period AS VARCHAR), max(period)) AS period
  FROM small_area_population
  WHERE age_band = $age_band
),
weighted AS (
  SELECT w.locality_code, p.period, w.weight * p.population AS population
  FROM small_area_locality AS w
  JOIN small_area_population AS p ON p.small_area_code = w.small_area_code
  JOIN chosen AS c ON p.period = c.period
  WHERE w.version_id = $version_id
    AND p.age_band = $age_band
)
SELECT
  CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
  coalesce(locality_code, 'COUNTY') AS area_code,
  any_value(period) AS period,
  sum(population) AS population
FROM weighted
GROUP BY GROUPING SETS ((locality_code), ())
UNION ALL
-- Each group of each grouping of the version: the sum of its localities.
SELECT 'LOCALITY_GROUP', lg.grouping_code || '/' || lg.group_code, any_value(w.period), sum(w.population)
FROM weighted AS w
JOIN locality_group AS lg ON lg.locality_code = w.locality_code AND lg.version_id = $version_id
GROUP BY lg.grouping_code, lg.group_code
