-- One indicator's latest (or chosen) value for each small area of one locality, with its shape,
-- for the small-area map. Values as published for the small area: the value column, else
-- numerator / denominator x multiplier for ratios, else the numerator for sums.
-- $version_id VARCHAR; $locality_code VARCHAR; $indicator_id VARCHAR; $period VARCHAR (null: latest)
WITH chosen AS (
  SELECT max(period_start) FILTER (WHERE CAST($period AS VARCHAR) IS NULL OR period = CAST($period AS VARCHAR)) AS period_start
  FROM observation
  WHERE indicator_id = $indicator_id
)
SELECT w.small_area_code, s.small_area_name, b.geometry, o.period, o.numerator, w.weight,
       coalesce(o.value, CASE i.aggregation
         WHEN 'SUM' THEN o.numerator
         WHEN 'NOT_ADDITIVE' THEN NULL
         ELSE o.numerator / nullif(o.denominator, 0) * i.multiplier END) AS value
FROM small_area_locality AS w
JOIN small_area AS s ON s.small_area_code = w.small_area_code
JOIN small_area_boundary AS b ON b.small_area_code = w.small_area_code AND b.version_id = w.version_id
LEFT JOIN (observation AS o JOIN chosen AS c ON c.period_start = o.period_start)
  ON o.small_area_code = w.small_area_code AND o.indicator_id = $indicator_id
LEFT JOIN indicator AS i ON i.indicator_id = $indicator_id
WHERE w.version_id = $version_id AND w.locality_code = $locality_code
ORDER BY w.small_area_code
