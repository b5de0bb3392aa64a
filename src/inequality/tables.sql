-- The national deprivation of each small area: the IMD 2019 rank (1 = most deprived of England's
-- 32,844 LSOAs) and decile, written by the IoD 2019 importer in the same transaction as its
-- indicators. The inequality breakdowns (quintile = ceil(decile / 2)) read it.
CREATE TABLE IF NOT EXISTS small_area_deprivation (
  small_area_code VARCHAR NOT NULL,
  release         VARCHAR NOT NULL,
  imd_rank        INTEGER NOT NULL,
  imd_decile      INTEGER NOT NULL
);
