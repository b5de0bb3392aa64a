-- Five-year age bands by sex (where the estimates have them) for every locality and the county of
-- one geography version, for one mid-year ($period, or the latest with a 0-4 band), in one query.
-- Bands: aged_0_4 ... aged_90_plus (persons), males_aged_..., females_aged_...
WITH chosen AS (
  SELECT coalesce(CAST($period AS VARCHAR), max(period)) AS period
  FROM small_area_population
  WHERE age_band IN ('aged_0_4', 'males_aged_0_4', 'females_aged_0_4')
),
weighted AS (
  SELECT w.locality_code, p.period, p.age_band, w.weight * p.population AS population
  FROM small_area_locality AS w
  JOIN small_area_population AS p ON p.small_area_code = w.small_area_code
  JOIN chosen AS c ON p.period = c.period
  WHERE w.version_id = $version_id
    AND regexp_full_match(p.age_band, '((males|females)_)?aged_\d+_(\d+|plus)')
)
SELECT
  CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
  coalesce(locality_code, 'COUNTY') AS area_code,
  any_value(period) AS period,
  age_band,
  sum(population) AS population
FROM weighted
GROUP BY GROUPING SETS ((locality_code, age_band), (age_band))
