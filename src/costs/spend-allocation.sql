-- Every spend line of one financial year with the driver of each locality it is split to, under
-- one geography version, in one query; ledger.ts splits the pence (largest remainder) and adds up.
-- The same weights and aggregation as the profiles (profile.sql) and populations
-- (area-population.sql): a small area contributes weight x its figure to each locality it lies in.
--
--   LOCALITY line    -> its locality, driver 1
--   SMALL_AREA line  -> each locality the small area lies in, driver = its weight
--   COUNTY line      -> every locality, driver = the locality's population of the age band
--                       (POPULATION) or the indicator's count, its summed numerators (INDICATOR)
--
-- Which period a driver reads, for the financial year Y/Y+1 starting 1 April Y:
--   population: the latest mid-year estimate at or before mid-Y (mid-year Y falls inside the year);
--   indicator:  its latest period starting on or before 1 April Y (calendar year Y for 2019/20).
-- Drivers are exact decimals (9 places, as in profile.sql), sent as text so no float enters the
-- split. Rows with line_id NULL carry each locality's all-ages population for per-head figures.
--
-- $version_id VARCHAR; $financial_year VARCHAR (canonical, '2019/20'); $year_start DATE;
-- $start_year INTEGER.
WITH lines AS (
  SELECT * FROM spend_line WHERE financial_year = $financial_year
),
versioned AS (
  SELECT w.small_area_code, w.locality_code, w.weight
  FROM small_area_locality AS w
  WHERE w.version_id = $version_id
),
population_drivers AS (
  SELECT DISTINCT driver_key AS age_band FROM lines WHERE scope = 'COUNTY' AND driver_kind = 'POPULATION'
  UNION SELECT 'all_ages'
),
population_periods AS (
  SELECT p.age_band, max(TRY_CAST(p.period AS INTEGER)) AS period_year
  FROM small_area_population AS p
  SEMI JOIN population_drivers AS d ON d.age_band = p.age_band
  WHERE TRY_CAST(p.period AS INTEGER) <= $start_year
  GROUP BY p.age_band
),
population_by_locality AS (
  SELECT 'POPULATION' AS driver_kind, p.age_band AS driver_key, CAST(pp.period_year AS VARCHAR) AS driver_period,
         w.locality_code, sum(CAST(w.weight * p.population AS DECIMAL(38, 9))) AS driver
  FROM small_area_population AS p
  JOIN population_periods AS pp ON pp.age_band = p.age_band AND TRY_CAST(p.period AS INTEGER) = pp.period_year
  JOIN versioned AS w ON w.small_area_code = p.small_area_code
  GROUP BY p.age_band, pp.period_year, w.locality_code
),
indicator_drivers AS (
  SELECT DISTINCT driver_key AS indicator_id FROM lines WHERE scope = 'COUNTY' AND driver_kind = 'INDICATOR'
),
indicator_periods AS (
  SELECT o.indicator_id, arg_max(o.period, o.period_start) AS period
  FROM observation AS o
  SEMI JOIN indicator_drivers AS d ON d.indicator_id = o.indicator_id
  WHERE o.period_start <= $year_start
  GROUP BY o.indicator_id
),
indicator_by_locality AS (
  SELECT 'INDICATOR' AS driver_kind, o.indicator_id AS driver_key, o.period AS driver_period,
         w.locality_code, sum(CAST(w.weight * o.numerator AS DECIMAL(38, 9))) AS driver
  FROM observation AS o
  JOIN indicator_periods AS ip ON ip.indicator_id = o.indicator_id AND ip.period = o.period
  JOIN versioned AS w ON w.small_area_code = o.small_area_code
  WHERE o.numerator IS NOT NULL
  GROUP BY o.indicator_id, o.period, w.locality_code
),
drivers AS (
  SELECT * FROM population_by_locality
  UNION ALL
  SELECT * FROM indicator_by_locality
),
allocated AS (
  SELECT l.line_id, l.locality_code, CAST(1 AS DECIMAL(38, 9)) AS driver, NULL AS driver_period
  FROM lines AS l WHERE l.scope = 'LOCALITY'
  UNION ALL
  SELECT l.line_id, w.locality_code, CAST(w.weight AS DECIMAL(38, 9)), NULL
  FROM lines AS l LEFT JOIN versioned AS w ON w.small_area_code = l.small_area_code
  WHERE l.scope = 'SMALL_AREA'
  UNION ALL
  SELECT l.line_id, d.locality_code, d.driver, d.driver_period
  FROM lines AS l
  LEFT JOIN drivers AS d ON d.driver_kind = l.driver_kind AND d.driver_key = l.driver_key
  WHERE l.scope = 'COUNTY'
)
SELECT l.line_id, l.partner_name, l.classification, l.service_code, l.service,
       CAST(l.amount_pence AS VARCHAR) AS amount_pence, l.price_base, l.line_kind, l.scope,
       l.driver_kind, l.driver_key,
       a.locality_code, loc.locality_name, (SELECT list(lg.grouping_code || '/' || lg.group_code ORDER BY lg.grouping_position) FROM locality_group AS lg
        WHERE lg.version_id = $version_id AND lg.locality_code = a.locality_code) AS group_codes,
       (SELECT list(lg.group_name ORDER BY lg.grouping_position) FROM locality_group AS lg
        WHERE lg.version_id = $version_id AND lg.locality_code = a.locality_code) AS group_names, CAST(a.driver AS VARCHAR) AS driver, a.driver_period
FROM lines AS l
JOIN allocated AS a ON a.line_id = l.line_id
LEFT JOIN locality AS loc ON loc.locality_code = a.locality_code
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'POPULATION', 'POPULATION', 'all_ages',
       d.locality_code, loc.locality_name, (SELECT list(lg.grouping_code || '/' || lg.group_code ORDER BY lg.grouping_position) FROM locality_group AS lg
        WHERE lg.version_id = $version_id AND lg.locality_code = d.locality_code) AS group_codes,
       (SELECT list(lg.group_name ORDER BY lg.grouping_position) FROM locality_group AS lg
        WHERE lg.version_id = $version_id AND lg.locality_code = d.locality_code) AS group_names, CAST(d.driver AS VARCHAR), d.driver_period
FROM population_by_locality AS d
JOIN locality AS loc ON loc.locality_code = d.locality_code
WHERE d.driver_key = 'all_ages'
ORDER BY 1 NULLS LAST, 12
