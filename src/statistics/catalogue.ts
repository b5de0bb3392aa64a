/**
 * The indicator catalogue: what each indicator measures and how its small-area values combine
 * into a locality, a group of localities or the whole area. One zod schema validates a catalogue entry wherever it
 * comes from (a catalogue CSV or JSON, or a built-in importer such as IMD 2019's).
 */
import { z } from 'zod';
import type { AnalyticsQueries } from '../db/analytics.js';
import { BadUserInputError } from '../errors.js';

export const VALUE_TYPES = ['COUNT', 'PROPORTION', 'RATE', 'MEAN', 'SCORE', 'DSR'] as const;
export const POLARITIES = ['HIGHER_IS_BETTER', 'HIGHER_IS_WORSE', 'NO_JUDGEMENT'] as const;
export const AGGREGATIONS = ['SUM', 'RATIO', 'WEIGHTED_MEAN', 'NOT_ADDITIVE'] as const;

export type Aggregation = (typeof AGGREGATIONS)[number];

const text = z.string().trim().min(1);

export const indicatorSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'an id is lower-case letters, digits, _ . -'),
    name: text,
    definition: text,
    unit: text,
    valueType: z.enum(VALUE_TYPES),
    /** 100 for a percentage, N for a rate per N, 1 otherwise. */
    multiplier: z.number().positive(),
    polarity: z.enum(POLARITIES),
    aggregation: z.enum(AGGREGATIONS),
    /** For WEIGHTED_MEAN: the population whose sizes weight the mean (e.g. "all ages"). */
    weightPopulation: text.nullable().default(null),
    /** Who the indicator is about: "all ages", "aged 0-15", "aged 65+"... */
    population: text,
    theme: text.transform((theme) => theme.toLowerCase()),
    source: text,
    release: text,
    licence: text,
    /** Whether small numbers are withheld (default: yes for counts, proportions and rates). */
    disclosureControl: z.boolean().optional(),
  })
  .transform((entry) => ({
    ...entry,
    disclosureControl: entry.disclosureControl ?? ['COUNT', 'PROPORTION', 'RATE', 'DSR'].includes(entry.valueType),
  }))
  .refine((entry) => entry.valueType !== 'PROPORTION' || entry.aggregation === 'RATIO', {
    message: 'a PROPORTION aggregates as a RATIO of summed numerators and denominators',
    path: ['aggregation'],
  })
  // A DSR's small-area rows are age-banded counts and populations (summed like a ratio's); the
  // profile standardises the summed bands (dsr.ts).
  .refine((entry) => entry.valueType !== 'DSR' || entry.aggregation === 'RATIO', {
    message: 'a DSR aggregates as a RATIO: its age-banded numerators and denominators are summed before standardising',
    path: ['aggregation'],
  })
  .refine((entry) => entry.aggregation !== 'WEIGHTED_MEAN' || entry.weightPopulation !== null, {
    message: 'a WEIGHTED_MEAN names the population that weights it (weightPopulation)',
    path: ['weightPopulation'],
  });

export type Indicator = z.output<typeof indicatorSchema>;
export type IndicatorInput = z.input<typeof indicatorSchema>;

type IndicatorRow = {
  indicator_id: string;
  name: string;
  definition: string;
  unit: string;
  value_type: Indicator['valueType'];
  multiplier: number;
  polarity: Indicator['polarity'];
  aggregation: Aggregation;
  weight_population: string | null;
  population: string;
  theme: string;
  source: string;
  release: string;
  licence: string;
  disclosure_control: boolean;
};

const fromRow = (row: IndicatorRow): Indicator => ({
  id: row.indicator_id,
  name: row.name,
  definition: row.definition,
  unit: row.unit,
  valueType: row.value_type,
  multiplier: row.multiplier,
  polarity: row.polarity,
  aggregation: row.aggregation,
  weightPopulation: row.weight_population,
  population: row.population,
  theme: row.theme,
  source: row.source,
  release: row.release,
  licence: row.licence,
  disclosureControl: row.disclosure_control,
});

/** Indicator ids a record names must be in the catalogue (BAD_USER_INPUT on `field`); the distinct ids, sorted. */
export function checkIndicators(catalogue: ReadonlyMap<string, unknown>, ids: readonly string[], field: string): string[] {
  const unique = [...new Set(ids)];
  const unknown = unique.filter((id) => !catalogue.has(id));
  if (unknown.length > 0) throw new BadUserInputError(`${field}: no indicator ${unknown.join(', ')} in the catalogue`, { field });
  return unique.sort();
}

/** The whole catalogue (it is small: tens to hundreds of rows), in theme then name order. */
export async function loadCatalogue(db: AnalyticsQueries): Promise<Indicator[]> {
  const rows = await db.query<IndicatorRow>('SELECT * EXCLUDE (loaded_at) FROM indicator ORDER BY theme, name, indicator_id');
  return rows.map(fromRow);
}

/** A catalogue entry as the indicator table's columns, in table order (for the appender). */
export function indicatorRow(entry: Indicator, loadedAt: Date): (string | number | boolean | null)[] {
  return [
    entry.id,
    entry.name,
    entry.definition,
    entry.unit,
    entry.valueType,
    entry.multiplier,
    entry.polarity,
    entry.aggregation,
    entry.weightPopulation,
    entry.population,
    entry.theme,
    entry.source,
    entry.release,
    entry.licence,
    entry.disclosureControl,
    loadedAt.toISOString(),
  ];
}
