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
