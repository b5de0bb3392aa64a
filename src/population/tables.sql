-- Resident population by small area, period (mid-year, e.g. 2020) and age band
-- (all_ages, aged_0_15, aged_65_plus, ...): the denominator of per-head figures.
CREATE TABLE IF NOT EXISTS small_area_population (
  small_area_code VARCHAR NOT NULL,
  period          VARCHAR NOT NULL,
  age_band        VARCHAR NOT NULL,
  population      DOUBLE  NOT NULL
);
