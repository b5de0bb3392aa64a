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
