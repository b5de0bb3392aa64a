-- One indicator's numerators and denominators summed by national IMD 2019 quantile of the small
-- areas, for every locality of a geography version and for the county, in one query. A small area
-- split between localities contributes weight x numerator and weight x denominator to each (as
-- profile.sql), so the localities' quantiles add up to the county's. Quintile = ceil(decile / 2).
--
-- `shared`: the quantile holds a small area split between localities.
--
-- $version_id VARCHAR; $indicator_id VARCHAR; $period VARCHAR (null: the latest); $quantiles INTEGER (5 or 10)
WITH chosen AS (
  SELECT max(period_start) FILTER (WHERE CAST($period AS VARCHAR) IS NULL OR period = CAST($period AS VARCHAR)) AS period_start
  FROM observation
  WHERE indicator_id = $indicator_id
),
weighted AS (
  SELECT w.locality_code, o.period,
         CASE WHEN $quantiles = 10 THEN d.imd_decile ELSE (d.imd_decile + 1) // 2 END AS quantile,
         CAST(w.weight * o.numerator AS DECIMAL(38, 9)) AS numerator,
         CAST(w.weight * o.denominator AS DECIMAL(38, 9)) AS denominator,
         o.small_area_code, w.weight
  FROM observation AS o
  JOIN chosen AS c ON c.period_start = o.period_start
  JOIN small_area_locality AS w ON w.small_area_code = o.small_area_code AND w.version_id = $version_id
  JOIN small_area_deprivation AS d ON d.small_area_code = o.small_area_code AND d.release = 'IoD2019'
  WHERE o.indicator_id = $indicator_id
)
SELECT
  CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
  coalesce(locality_code, 'COUNTY') AS area_code,
  quantile,
  any_value(period) AS period,
  CAST(sum(numerator) AS DOUBLE) AS numerator,
  CAST(sum(denominator) AS DOUBLE) AS denominator,
  CAST(count(DISTINCT small_area_code) AS INTEGER) AS small_areas,
  -- A small area split with another locality (disclosure.ts, rule 7).
  bool_or(weight < 1) AS shared
FROM weighted
GROUP BY GROUPING SETS ((locality_code, quantile), (quantile))
ORDER BY area_kind, area_code, quantile
