-- The analytics schema as it stood before migrations (issue 21): every domain's tables, in the
-- order the old start-up ran the domains' tables.sql files (costs, geography, inequality, maps,
-- population, statistics). `IF NOT EXISTS` is kept so a store created before migrations existed
-- is adopted as it is (its tables and rows untouched) and this migration recorded as applied.
-- Edit nothing here once released: a later change is a new numbered file (src/db/analytics-migrate.ts).

-- ==== costs (src/costs/) ====
-- Place-based cost analysis in the analytics store: the spend ledger, the unit cost catalogue and
-- the GDP deflator series. Loaded by the importers (src/costs/import/); read by ledger.ts and
-- demand.ts. No keys, as for the other domains: the importers check uniqueness before they commit.
-- Money is BIGINT pence, never a float.

-- One line of a partner's spend. financial_year is a financial year label ('2019/20');
-- price_base is the financial year whose prices amount_pence is in (a year of the deflator
-- series). Exactly one place: scope LOCALITY (locality_code), SMALL_AREA (small_area_code, split
-- to localities by the geography weights) or COUNTY (split by the driver: driver_kind POPULATION
-- with driver_key an age band, or INDICATOR with driver_key an indicator id whose count is used).
-- line_kind SPEND must not be negative; ADJUSTMENT (a credit, refund or correction) may be.
CREATE TABLE IF NOT EXISTS spend_line (
  line_id           BIGINT  NOT NULL,
  partner_name      VARCHAR NOT NULL,
  classification    VARCHAR,
  service_code      VARCHAR,
  service           VARCHAR NOT NULL,
  financial_year    VARCHAR NOT NULL,
  year_start        DATE    NOT NULL,
  amount_pence      BIGINT  NOT NULL,
  price_base        VARCHAR NOT NULL,
  line_kind         VARCHAR NOT NULL,
  scope             VARCHAR NOT NULL,
  locality_code     VARCHAR,
  small_area_code   VARCHAR,
  driver_kind       VARCHAR,
  driver_key        VARCHAR,
  source            VARCHAR NOT NULL,
  loaded_at         TIMESTAMP NOT NULL
);

-- A cost per unit of demand, in its own price base, with the fiscal / economic / social parts
-- where the source gives them, the partner that bears it and the profile indicator that counts the
-- demand.
CREATE TABLE IF NOT EXISTS unit_cost (
  unit_cost_id      VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  unit              VARCHAR NOT NULL,
  cost_pence        BIGINT  NOT NULL,
  fiscal_pence      BIGINT,
  economic_pence    BIGINT,
  social_pence      BIGINT,
  source            VARCHAR NOT NULL,
  source_year       VARCHAR NOT NULL,
  price_base        VARCHAR NOT NULL,
  partner_name      VARCHAR NOT NULL,
  indicator_id      VARCHAR NOT NULL,
  loaded_at         TIMESTAMP NOT NULL
);

-- The GDP deflator series: one index per financial year (any base; only ratios are used).
-- index_value is kept as an exact decimal.
CREATE TABLE IF NOT EXISTS gdp_deflator (
  financial_year    VARCHAR NOT NULL,
  year_start        DATE    NOT NULL,
  index_value       DECIMAL(18, 6) NOT NULL,
  series            VARCHAR NOT NULL,
  loaded_at         TIMESTAMP NOT NULL
);

-- ==== geography (src/geography/) ====
-- The geography in the analytics store: a mirror of the record store's, rebuilt from it by
-- analytics-mirror.ts (so the two agree by code). No keys here: the record store enforces them,
-- and DuckDB's over-eager key checks refuse a delete and re-insert of one key in a transaction.
CREATE TABLE IF NOT EXISTS geography_version (
  version_id     VARCHAR NOT NULL,
  effective_from DATE    NOT NULL,
  county_code    VARCHAR NOT NULL,
  county_name    VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS locality (
  locality_code VARCHAR NOT NULL,
  locality_name VARCHAR NOT NULL
);
-- Before groupings were data, a locality had a fixed tier; the mirror is rebuilt from the record store.
ALTER TABLE locality DROP COLUMN IF EXISTS tier;
-- Each locality's group in each grouping of a version (none when the geography defines no groupings).
CREATE TABLE IF NOT EXISTS locality_group (
  version_id        VARCHAR NOT NULL,
  grouping_code     VARCHAR NOT NULL,
  grouping_name     VARCHAR NOT NULL,
  grouping_position INTEGER NOT NULL,
  group_code        VARCHAR NOT NULL,
  group_name        VARCHAR NOT NULL,
  group_position    INTEGER NOT NULL,
  locality_code     VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS version_locality (
  version_id    VARCHAR NOT NULL,
  locality_code VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS small_area (
  small_area_code VARCHAR NOT NULL,
  small_area_name VARCHAR NOT NULL
);
-- weight: the share of the small area in the locality (1.0 where it nests; sums to 1 per area).
CREATE TABLE IF NOT EXISTS small_area_locality (
  version_id      VARCHAR NOT NULL,
  small_area_code VARCHAR NOT NULL,
  locality_code   VARCHAR NOT NULL,
  weight          DOUBLE  NOT NULL
);
CREATE TABLE IF NOT EXISTS parish (
  parish_code VARCHAR NOT NULL,
  parish_name VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS parish_locality (
  version_id    VARCHAR NOT NULL,
  parish_code   VARCHAR NOT NULL,
  locality_code VARCHAR NOT NULL
);

-- The lookups between generations of small areas (LSOA 2011 <-> LSOA 2021), loaded by
-- small-area-lookup.ts (not mirrored: the record store does not need them). A figure published on
-- from_code that a geography version does not hold reaches that version's small area to_code with
-- `share` of its numerator and denominator; `cover` is the share of to_code that from_code makes
-- up (for coverage). One row per pair and direction; unchanged areas (same code) have none.
CREATE TABLE IF NOT EXISTS small_area_bridge (
  lookup    VARCHAR NOT NULL,
  from_code VARCHAR NOT NULL,
  to_code   VARCHAR NOT NULL,
  share     DOUBLE  NOT NULL,
  cover     DOUBLE  NOT NULL,
  method    VARCHAR NOT NULL
);

-- ==== inequality (src/inequality/) ====
-- The national deprivation of each small area: the IMD 2019 rank (1 = most deprived of England's
-- 32,844 LSOAs) and decile, written by the IoD 2019 importer in the same transaction as its
-- indicators. The inequality breakdowns (quintile = ceil(decile / 2)) read it.
CREATE TABLE IF NOT EXISTS small_area_deprivation (
  small_area_code VARCHAR NOT NULL,
  release         VARCHAR NOT NULL,
  imd_rank        INTEGER NOT NULL,
  imd_decile      INTEGER NOT NULL
);

-- ==== maps (src/maps/) ====
-- Boundaries per geography version: each small area's shape as ONS publishes it (a GeoJSON
-- Polygon or MultiPolygon, WGS84 longitude/latitude), and each locality's outline, the union of
-- its small areas computed once at import (src/maps/import.ts). Replaced whole per version.
CREATE TABLE IF NOT EXISTS small_area_boundary (
  version_id      VARCHAR NOT NULL,
  small_area_code VARCHAR NOT NULL,
  geometry        VARCHAR NOT NULL,
  source          VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS locality_boundary (
  version_id    VARCHAR NOT NULL,
  locality_code VARCHAR NOT NULL,
  geometry      VARCHAR NOT NULL
);

-- ==== population (src/population/) ====
-- Resident population by small area, period (mid-year, e.g. 2020) and age band
-- (all_ages, aged_0_15, aged_65_plus, ...): the denominator of per-head figures.
CREATE TABLE IF NOT EXISTS small_area_population (
  small_area_code VARCHAR NOT NULL,
  period          VARCHAR NOT NULL,
  age_band        VARCHAR NOT NULL,
  population      DOUBLE  NOT NULL
);

-- ==== statistics (src/statistics/) ====
-- The indicator catalogue and the small-area observations behind the locality profiles.
-- Loaded by the importers (src/statistics/import/), aggregated by profile.sql. No keys: the
-- importers check uniqueness in staging before they commit (DuckDB's key checks refuse a delete
-- and re-insert of one key in a transaction).

-- One row per indicator. value_type: COUNT | PROPORTION | RATE | MEAN | SCORE | DSR.
-- multiplier: 100 for a percentage, N for a rate per N, 1 otherwise.
-- polarity: HIGHER_IS_BETTER | HIGHER_IS_WORSE | NO_JUDGEMENT.
-- aggregation: SUM (of numerators) | RATIO (summed numerators / summed denominators) |
--   WEIGHTED_MEAN (numerator = value x weight, denominator = the weight: the population named by
--   weight_population) | NOT_ADDITIVE (published for small areas only).
-- disclosure_control: whether small numbers are withheld (counts of people or events); false where
--   the numerator is itself an estimate that discloses nobody (e.g. a population estimate).
CREATE TABLE IF NOT EXISTS indicator (
  indicator_id       VARCHAR NOT NULL,
  name               VARCHAR NOT NULL,
  definition         VARCHAR NOT NULL,
  unit               VARCHAR NOT NULL,
  value_type         VARCHAR NOT NULL,
  multiplier         DOUBLE  NOT NULL,
  polarity           VARCHAR NOT NULL,
  aggregation        VARCHAR NOT NULL,
  weight_population  VARCHAR,
  population         VARCHAR NOT NULL,
  theme              VARCHAR NOT NULL,
  source             VARCHAR NOT NULL,
  release            VARCHAR NOT NULL,
  licence            VARCHAR NOT NULL,
  disclosure_control BOOLEAN NOT NULL,
  loaded_at          TIMESTAMP NOT NULL
);

-- One value of one indicator for one small area and period. period is the label as published
-- ('2019', '2019/20', '2019 Q3', '2019-07', '2021-03-21'); period_kind, period_start and
-- period_index (see period.ts) make periods sort and compare, and tell consecutive ones apart.
-- For one indicator and period there is one release: a later release of the same periods
-- replaces them.
CREATE TABLE IF NOT EXISTS observation (
  indicator_id    VARCHAR NOT NULL,
  small_area_code VARCHAR NOT NULL,
  period          VARCHAR NOT NULL,
  period_kind     VARCHAR NOT NULL,
  period_start    DATE    NOT NULL,
  period_index    INTEGER,
  numerator       DOUBLE,
  denominator     DOUBLE,
  value           DOUBLE,
  standard_error  DOUBLE,
  release         VARCHAR NOT NULL
);

-- The age-banded rows of directly standardised rates (value type DSR): one row per indicator,
-- small area, period and band of the European Standard Population 2013 ('0-4' ... '90+'), with
-- the events as numerator and the population as denominator. The importer also writes each small
-- area's total (summed over bands) to `observation`, so coverage, disclosure control and the
-- crude figures work as for any ratio; profile.sql sums the bands per area for dsr.ts.
CREATE TABLE IF NOT EXISTS observation_band (
  indicator_id    VARCHAR NOT NULL,
  small_area_code VARCHAR NOT NULL,
  period          VARCHAR NOT NULL,
  period_kind     VARCHAR NOT NULL,
  period_start    DATE    NOT NULL,
  period_index    INTEGER,
  numerator       DOUBLE,
  denominator     DOUBLE,
  value           DOUBLE,
  standard_error  DOUBLE,
  release         VARCHAR NOT NULL,
  age_band        VARCHAR NOT NULL
);

-- Precomputed profiles (aggregates.ts): every area's profile row of every indicator and period,
-- computed once by profile.ts when an import or a geography load changes them, and read by
-- requests. Keyed by geography version and the disclosure settings they were computed with
-- (`settings`, e.g. '10|0.5'); a set row says a version's rows are complete for those settings.
CREATE TABLE IF NOT EXISTS profile_aggregate_set (
  version_id  VARCHAR NOT NULL,
  settings    VARCHAR NOT NULL,
  computed_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS profile_aggregate (
  version_id           VARCHAR NOT NULL,
  settings             VARCHAR NOT NULL,
  indicator_id         VARCHAR NOT NULL,
  area_kind            VARCHAR NOT NULL,
  area_code            VARCHAR NOT NULL,
  area_name            VARCHAR NOT NULL,
  period               VARCHAR NOT NULL,
  period_start         DATE    NOT NULL,
  value                DOUBLE,
  numerator            DOUBLE,
  denominator          DOUBLE,
  lower_ci95           DOUBLE,
  upper_ci95           DOUBLE,
  lower_ci998          DOUBLE,
  upper_ci998          DOUBLE,
  county_value         DOUBLE,
  comparison           VARCHAR NOT NULL,
  trend                VARCHAR NOT NULL,
  rank                 INTEGER,
  rank_out_of          INTEGER,
  quintile             INTEGER,
  suppressed           BOOLEAN NOT NULL,
  note                 VARCHAR,
  coverage             DOUBLE,
  denominator_coverage DOUBLE,
  incomplete           BOOLEAN NOT NULL,
  small_area_lookup    VARCHAR,
  computed_at          TIMESTAMP NOT NULL
);

-- Every period each indicator has anywhere (whatever the geography version), so a precomputed
-- read chooses "the latest period" exactly as profile.sql does.
CREATE TABLE IF NOT EXISTS indicator_period (
  indicator_id VARCHAR NOT NULL,
  period       VARCHAR NOT NULL,
  period_start DATE    NOT NULL
);
