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
