-- Every indicator of a request aggregated from small areas to every locality of one geography
-- version, each group of localities of its groupings, the whole area and (optionally) one set of
-- localities, for the chosen period
-- and the periods before it that a trend needs: one query for any number of localities and
-- indicators, the same shape for every indicator (its aggregation rule is a column, not code).
--
-- A small area split between localities contributes weight x numerator and weight x denominator
-- to each; the weights of a small area sum to 1, so localities add up to the county exactly.
-- Values: SUM -> summed numerators; RATIO and WEIGHTED_MEAN -> summed numerators / summed
-- denominators x multiplier (a weighted mean is stored as value x weight over the weight);
-- NOT_ADDITIVE -> none above small areas. Standard errors of weighted means combine as for
-- independent estimates, the parts of a split small area added first: SE = sqrt(sum over small
-- areas of (sum of parts w d SE)^2) / sum(w d), and only when every contributing
-- small area has one (a missing one is unknown, not 0: then no standard error, and no interval). Sums are exact
-- (DECIMAL, 9 places), so they do not depend on the order rows arrive in: every request shape
-- gives the same digits.
--
-- $version_id VARCHAR; $all_indicators BOOLEAN; $indicator_ids VARCHAR[]; $theme VARCHAR (null:
-- all); $period VARCHAR (null: each indicator's latest); $window INTEGER (periods up to the chosen
-- one); $group_codes VARCHAR[] (localities of the combined area; empty: none);
-- $custom_areas VARCHAR[], $custom_codes VARCHAR[] and $custom_weights DOUBLE[] (custom areas,
-- src/custom-areas/: for each small area a custom area takes, in the same order, the custom
-- area's key, the small area of the version and its share 0 < w <= 1; empty: none). Any number
-- of custom areas are profiled by the one query.
-- $compositions BOOLEAN (each area's composition for disclosure control across versions, below).
--
-- A custom area is one more area of the same aggregation (kind CUSTOM, code its key): each row of
-- `weighted` (a small area's part in a locality) counts towards it with the custom weight of its
-- small area, so a small area split between localities counts whole (its parts add up to 1)
-- times that weight.
WITH selected AS (
  SELECT indicator_id, aggregation, multiplier
  FROM indicator
  WHERE ($all_indicators OR list_contains($indicator_ids, indicator_id))
    AND (CAST($theme AS VARCHAR) IS NULL OR theme = lower(CAST($theme AS VARCHAR)))
),
version_areas AS (
  SELECT small_area_code, locality_code, weight FROM small_area_locality WHERE version_id = $version_id
),
custom_members AS (
  SELECT custom_code, small_area_code, sum(weight) AS weight
  FROM (SELECT unnest(CAST($custom_areas AS VARCHAR[])) AS custom_code, unnest(CAST($custom_codes AS VARCHAR[])) AS small_area_code,
               unnest(CAST($custom_weights AS DOUBLE[])) AS weight)
  GROUP BY custom_code, small_area_code
),
-- How a published small area reaches the version's: by its own code, or, when the version does
-- not hold it (a 2011 LSOA on a 2021 geography, or the other way), through the ONS lookup between
-- generations (small_area_bridge, src/geography/small-area-lookup.ts): `share` of its figures to
-- each target, `cover` the part of the target it makes up.
carried AS (
  SELECT DISTINCT small_area_code AS source_code, small_area_code AS target_code,
         1.0 AS share, 1.0 AS cover, CAST(NULL AS VARCHAR) AS method
  FROM version_areas
  UNION ALL
  SELECT b.from_code, b.to_code, b.share, b.cover, b.method
  FROM small_area_bridge AS b
  WHERE b.to_code IN (SELECT small_area_code FROM version_areas)
    AND b.from_code NOT IN (SELECT small_area_code FROM version_areas)
),
-- A directly standardised rate's age bands (observation_band) ride along as series of their own,
-- `indicator_id|age_band`, so each band is summed over every area exactly as a count is (weights,
-- the lookup between generations, groups, custom areas); profile.ts standardises them (dsr.ts).
-- Only the selected indicators' rows of the small areas that reach the version: DuckDB keeps a CTE
-- used twice in memory, and at national size (all English small areas, 200 indicators x 10 years:
-- 66 million rows) the whole table did not fit its memory limit; a county's are a few hundred thousand.
observed AS (
  SELECT indicator_id AS base_id, indicator_id, small_area_code, period, period_kind, period_start, period_index,
         numerator, denominator, value, standard_error
  FROM observation
  WHERE indicator_id IN (SELECT indicator_id FROM selected)
    AND small_area_code IN (SELECT source_code FROM carried)
  UNION ALL
  SELECT indicator_id, indicator_id || '|' || age_band, small_area_code, period, period_kind, period_start, period_index,
         numerator, denominator, value, standard_error
  FROM observation_band
  WHERE indicator_id IN (SELECT indicator_id FROM selected)
    AND small_area_code IN (SELECT source_code FROM carried)
),
-- Each series' periods anywhere (not only in the version's small areas: "the latest period" is
-- the indicator's, whatever the geography), read straight from the tables as the columns it needs.
periods AS (
  SELECT DISTINCT indicator_id, period, period_start
  FROM observation
  WHERE indicator_id IN (SELECT indicator_id FROM selected)
  UNION
  SELECT DISTINCT indicator_id || '|' || age_band, period, period_start
  FROM observation_band
  WHERE indicator_id IN (SELECT indicator_id FROM selected)
),
chosen AS (
  SELECT indicator_id,
         max(period_start) FILTER (WHERE CAST($period AS VARCHAR) IS NULL OR period = CAST($period AS VARCHAR)) AS chosen_start
  FROM periods
  GROUP BY indicator_id
),
trend_window AS (
  SELECT p.indicator_id, p.period, p.period_start = c.chosen_start AS is_chosen
  FROM periods AS p
  JOIN chosen AS c ON c.indicator_id = p.indicator_id
  WHERE p.period_start <= c.chosen_start
  QUALIFY row_number() OVER (PARTITION BY p.indicator_id ORDER BY p.period_start DESC) <= $window
),
weighted AS (
  SELECT o.indicator_id, o.period,
         o.period_kind, o.period_start, o.period_index, tw.is_chosen,
         w.locality_code, l.locality_name, o.small_area_code,
         CAST(w.weight * c.share * o.numerator AS DECIMAL(38, 9)) AS numerator,
         CAST(w.weight * c.share * o.denominator AS DECIMAL(38, 9)) AS denominator,
         w.weight * c.share * o.denominator * o.standard_error AS se_part,
         -- The published small area's weight in this part (for the area's composition).
         w.weight * c.share AS part_weight,
         -- Coverage: the small areas (by weight) with a value, and their share of the denominator.
         -- Exact (DECIMAL) like the sums above, so a share is the same whatever order rows are summed in.
         CASE WHEN o.numerator IS NOT NULL OR o.value IS NOT NULL THEN CAST(w.weight * c.cover AS DECIMAL(38, 18)) END AS covered_weight,
         CASE WHEN o.numerator IS NOT NULL THEN CAST(w.weight * c.share * o.denominator AS DECIMAL(38, 9)) END AS covered_denominator,
         CAST(w.weight * c.share * o.denominator AS DECIMAL(38, 9)) AS known_denominator,
         -- A missing standard error is unknown, not zero: an interval needs every contributing one.
         o.standard_error IS NOT NULL OR o.numerator IS NULL AS se_known,
         -- Figures carried from another generation of small areas: the method, and whether shared.
         c.method AS bridge_method,
         CASE WHEN c.method IS NOT NULL THEN o.small_area_code END AS bridged_code,
         CASE WHEN c.share < 1 THEN o.small_area_code END AS apportioned_code,
         -- The version's small area it reaches (custom areas are made of those), and the count as published.
         w.small_area_code AS version_code,
         o.numerator AS published_count
  FROM observed AS o
  JOIN trend_window AS tw ON tw.indicator_id = o.indicator_id AND tw.period = o.period
  JOIN carried AS c ON c.source_code = o.small_area_code
  JOIN version_areas AS w ON w.small_area_code = c.target_code
  JOIN locality AS l ON l.locality_code = w.locality_code
),
-- Each custom area's rows: the parts of its small areas, with its share of each.
custom_weighted AS (
  SELECT m.custom_code, m.weight AS custom_weight, w.*
  FROM weighted AS w
  JOIN custom_members AS m ON m.small_area_code = w.version_code
),
grouped AS (
  SELECT
    CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
    coalesce(locality_code, 'COUNTY') AS area_code,
    any_value(locality_name) AS area_name,
    indicator_id, period,
    any_value(period_kind) AS period_kind, any_value(period_start) AS period_start,
    any_value(period_index) AS period_index, bool_or(is_chosen) AS is_chosen,
    CAST(sum(numerator) AS DOUBLE) AS numerator, CAST(sum(denominator) AS DOUBLE) AS denominator,
    sum(covered_weight) AS covered_weight, sum(covered_denominator) AS covered_denominator,
    sum(known_denominator) AS known_denominator, bool_and(se_known) AS se_complete,
    min(bridge_method) AS bridge_method, count(DISTINCT bridged_code) AS bridged, count(DISTINCT apportioned_code) AS apportioned
  FROM weighted
  GROUP BY GROUPING SETS ((indicator_id, period, locality_code), (indicator_id, period))
  UNION ALL
  -- Each group of each grouping: its localities' rows summed (a locality is in one group per grouping).
  SELECT 'LOCALITY_GROUP', lg.grouping_code || '/' || lg.group_code, any_value(lg.group_name), w.indicator_id, w.period,
         any_value(w.period_kind), any_value(w.period_start), any_value(w.period_index), bool_or(w.is_chosen),
         CAST(sum(w.numerator) AS DOUBLE), CAST(sum(w.denominator) AS DOUBLE),
         sum(w.covered_weight), sum(w.covered_denominator), sum(w.known_denominator), bool_and(w.se_known),
         min(w.bridge_method), count(DISTINCT w.bridged_code), count(DISTINCT w.apportioned_code)
  FROM weighted AS w
  JOIN locality_group AS lg ON lg.locality_code = w.locality_code AND lg.version_id = $version_id
  GROUP BY w.indicator_id, w.period, lg.grouping_code, lg.group_code
  UNION ALL
  SELECT 'GROUP', 'GROUP', 'Combined localities', indicator_id, period,
         any_value(period_kind), any_value(period_start), any_value(period_index), bool_or(is_chosen),
         CAST(sum(numerator) AS DOUBLE), CAST(sum(denominator) AS DOUBLE),
         sum(covered_weight), sum(covered_denominator), sum(known_denominator), bool_and(se_known),
         min(bridge_method), count(DISTINCT bridged_code), count(DISTINCT apportioned_code)
  FROM weighted
  WHERE list_contains($group_codes, locality_code)
  GROUP BY indicator_id, period
  UNION ALL
  -- Each custom area: every part of its small areas, times its weight (exact, as above).
  SELECT 'CUSTOM', custom_code, 'Custom area', indicator_id, period,
         any_value(period_kind), any_value(period_start), any_value(period_index), bool_or(is_chosen),
         CAST(sum(CAST(numerator * custom_weight AS DECIMAL(38, 9))) AS DOUBLE),
         CAST(sum(CAST(denominator * custom_weight AS DECIMAL(38, 9))) AS DOUBLE),
         sum(CAST(covered_weight * custom_weight AS DECIMAL(38, 18))),
         sum(CAST(covered_denominator * custom_weight AS DECIMAL(38, 9))),
         sum(CAST(known_denominator * custom_weight AS DECIMAL(38, 9))), bool_and(se_known),
         min(bridge_method), count(DISTINCT bridged_code), count(DISTINCT apportioned_code)
  FROM custom_weighted
  GROUP BY custom_code, indicator_id, period
),
-- Standard errors: the parts of one split small area inside one area are the same estimate, so
-- they are added before squaring (sum over small areas of (sum of its parts' w d SE)^2). Both sums
-- run in a fixed order, so every request shape gives the same digits: a small area's parts in
-- order of size (list_sort: as fixed as an ORDER BY on the locality, at half the query's cost, as
-- DuckDB sorts every ordered aggregate's rows), then the small areas by code.
-- The same grouping gives each area's composition (disclosure.ts, rule 6): every published small
-- area it adds up, with its weight there (its parts added: through the lookup, a split small area
-- whose parts lie in one locality counts whole), as a digest of the sorted list, weights to 9 places.
se_parts AS (
  SELECT
    CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
    coalesce(locality_code, 'COUNTY') AS area_code, indicator_id, period, small_area_code,
    list_sum(list_sort(list(se_part))) AS se_part, sum(part_weight) AS part_weight
  FROM weighted
  GROUP BY GROUPING SETS ((indicator_id, period, small_area_code, locality_code), (indicator_id, period, small_area_code))
  UNION ALL
  SELECT 'LOCALITY_GROUP', lg.grouping_code || '/' || lg.group_code, w.indicator_id, w.period, w.small_area_code,
         list_sum(list_sort(list(w.se_part))), sum(w.part_weight)
  FROM weighted AS w
  JOIN locality_group AS lg ON lg.locality_code = w.locality_code AND lg.version_id = $version_id
  GROUP BY w.indicator_id, w.period, lg.grouping_code, lg.group_code, w.small_area_code
  UNION ALL
  SELECT 'GROUP', 'GROUP', indicator_id, period, small_area_code, list_sum(list_sort(list(se_part))), sum(part_weight)
  FROM weighted
  WHERE list_contains($group_codes, locality_code)
  GROUP BY indicator_id, period, small_area_code
  UNION ALL
  SELECT 'CUSTOM', custom_code, indicator_id, period, small_area_code, list_sum(list_sort(list(se_part * custom_weight))),
         sum(part_weight * custom_weight)
  FROM custom_weighted
  GROUP BY custom_code, indicator_id, period, small_area_code
),
se_sums AS (
  SELECT area_kind, area_code, indicator_id, period, sqrt(fsum(se_part * se_part ORDER BY small_area_code)) AS se_sum,
         md5(string_agg(small_area_code || '=' || CAST(round(part_weight, 9) AS DECIMAL(18, 9)), ',' ORDER BY small_area_code)
             FILTER (WHERE $compositions)) AS composition
  FROM se_parts
  GROUP BY area_kind, area_code, indicator_id, period
),
-- Every small area of the version, by weight, per area: what coverage is a share of.
extent AS (
  SELECT
    CASE WHEN grouping(locality_code) = 0 THEN 'LOCALITY' ELSE 'COUNTY' END AS area_kind,
    coalesce(locality_code, 'COUNTY') AS area_code,
    sum(CAST(weight AS DECIMAL(38, 18))) AS area_weight
  FROM version_areas
  GROUP BY GROUPING SETS ((locality_code), ())
  UNION ALL
  SELECT 'LOCALITY_GROUP', lg.grouping_code || '/' || lg.group_code, sum(CAST(w.weight AS DECIMAL(38, 18)))
  FROM small_area_locality AS w
  JOIN locality_group AS lg ON lg.locality_code = w.locality_code AND lg.version_id = $version_id
  WHERE w.version_id = $version_id
  GROUP BY lg.grouping_code, lg.group_code
  UNION ALL
  SELECT 'GROUP', 'GROUP', sum(CAST(weight AS DECIMAL(38, 18)))
  FROM small_area_locality
  WHERE version_id = $version_id AND list_contains($group_codes, locality_code)
  UNION ALL
  SELECT 'CUSTOM', custom_code, sum(CAST(weight AS DECIMAL(38, 18)))
  FROM custom_members
  WHERE small_area_code IN (SELECT small_area_code FROM version_areas)
  GROUP BY custom_code
),
-- For a custom area's disclosure control (profile.ts): the smallest count any small area of the
-- version publishes, per indicator and period (read only when a custom area is asked for).
smallest AS (
  SELECT indicator_id, period, min(published_count) AS smallest_count
  FROM weighted
  WHERE len($custom_codes) > 0
  GROUP BY indicator_id, period
)
SELECT
  g.area_kind, g.area_code,
  CASE g.area_kind
    WHEN 'COUNTY' THEN (SELECT any_value(county_name) FROM geography_version WHERE version_id = $version_id)
    ELSE g.area_name
  END AS area_name,
  -- A locality's groups (`grouping/group`), for quintiles within each group.
  CASE WHEN g.area_kind = 'LOCALITY' THEN (
    SELECT list(lg.grouping_code || '/' || lg.group_code ORDER BY lg.grouping_position)
    FROM locality_group AS lg WHERE lg.version_id = $version_id AND lg.locality_code = g.area_code
  ) END AS area_groups,
  g.indicator_id, g.period, g.period_kind,
  strftime(g.period_start, '%Y-%m-%d') AS period_start, g.period_index, g.is_chosen,
  CASE WHEN s.aggregation = 'NOT_ADDITIVE' THEN NULL ELSE g.numerator END AS numerator,
  CASE WHEN s.aggregation = 'NOT_ADDITIVE' THEN NULL ELSE g.denominator END AS denominator,
  CASE s.aggregation
    WHEN 'SUM' THEN g.numerator
    WHEN 'NOT_ADDITIVE' THEN NULL
    ELSE g.numerator / nullif(g.denominator, 0) * s.multiplier
  END AS value,
  CASE WHEN s.aggregation = 'NOT_ADDITIVE' OR NOT g.se_complete THEN NULL ELSE se.se_sum / nullif(g.denominator, 0) * s.multiplier END AS standard_error,
  CAST(coalesce(g.covered_weight, 0) AS DOUBLE) / CAST(nullif(e.area_weight, 0) AS DOUBLE) AS coverage,
  CAST(g.covered_denominator AS DOUBLE) / CAST(nullif(g.known_denominator, 0) AS DOUBLE) AS denominator_coverage,
  g.bridge_method, CAST(g.bridged AS INTEGER) AS bridged, CAST(g.apportioned AS INTEGER) AS apportioned,
  CASE WHEN g.area_kind = 'CUSTOM' THEN sm.smallest_count END AS smallest_count,
  se.composition
FROM grouped AS g
JOIN selected AS s ON s.indicator_id = split_part(g.indicator_id, '|', 1)
LEFT JOIN extent AS e ON e.area_kind = g.area_kind AND e.area_code = g.area_code
LEFT JOIN se_sums AS se ON se.area_kind = g.area_kind AND se.area_code = g.area_code AND se.indicator_id = g.indicator_id AND se.period = g.period
LEFT JOIN smallest AS sm ON g.area_kind = 'CUSTOM' AND sm.indicator_id = g.indicator_id AND sm.period = g.period
ORDER BY g.indicator_id, g.area_kind, g.area_code, g.period_start
