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
