/**
 * A deployment's insight rules, read once at start from INSIGHT_CONFIG_FILE (default
 * data/insight.json) and checked here, so a bad file stops start-up with the file and the field:
 *
 * - `approach`: the differentiated-approach rule (approach.ts). Rules are tried in order; a rule
 *   holds when ANY (or ALL) of its conditions hold, and the first that holds gives the suggested
 *   approach; none gives `otherwise`. A condition compares one measure of the locality's profile
 *   with a threshold (`atLeast`): DEPRIVED_SHARE (the value of `deprivationIndicator`, by default
 *   the % of residents in the nationally most deprived 20% of small areas), INDICATORS_WORSE_95
 *   and INDICATORS_WORSE_998 (how many indicators are significantly worse than the county at 95%,
 *   or at 99.8%), INDICATORS_WORSENING (how many have a recent trend getting worse).
 * - `themes`: which catalogue themes (crime, health...) a records theme (an issue's or a
 *   priority's, "Community safety") means, matched ignoring case; a records theme not listed
 *   means the catalogue theme of the same name.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const APPROACHES = ['CORE', 'CO_ORDINATED', 'MANAGED'] as const;
export type Approach = (typeof APPROACHES)[number];

export const MEASURES = ['DEPRIVED_SHARE', 'INDICATORS_WORSE_95', 'INDICATORS_WORSE_998', 'INDICATORS_WORSENING'] as const;
export type Measure = (typeof MEASURES)[number];

const condition = z.strictObject({ measure: z.enum(MEASURES), atLeast: z.number().min(0) });

const insightConfigSchema = z.strictObject({
  description: z.string().optional(),
  approach: z.strictObject({
    deprivationIndicator: z.string().trim().min(1).default('imd-most-deprived-20pc'),
    rules: z.array(
      z.strictObject({
        approach: z.enum(APPROACHES),
        when: z.enum(['ANY', 'ALL']).default('ANY'),
        conditions: z.array(condition).min(1),
      }),
    ),
    otherwise: z.enum(APPROACHES).default('CORE'),
  }),
  themes: z.record(z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)).default({}),
});

export type InsightConfig = z.output<typeof insightConfigSchema>;
export type ApproachRule = InsightConfig['approach'];

/** Check a parsed configuration (a file's JSON, or a test's object). */
export function parseInsightConfig(value: unknown, source = 'insight configuration'): InsightConfig {
  const result = insightConfigSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

/** Read and check the file (INSIGHT_CONFIG_FILE). */
export function loadInsightConfig(file: string): InsightConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`INSIGHT_CONFIG_FILE ${file}: cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`INSIGHT_CONFIG_FILE ${file}: is not JSON (${(error as Error).message})`);
  }
  return parseInsightConfig(json, `INSIGHT_CONFIG_FILE ${file}`);
}

/** The catalogue themes a records theme means (lower case). */
export function catalogueThemesOf(config: InsightConfig, recordsTheme: string): string[] {
  const wanted = recordsTheme.trim().toLowerCase();
  const entry = Object.entries(config.themes).find(([theme]) => theme.trim().toLowerCase() === wanted);
  return entry ? entry[1].map((t) => t.toLowerCase()) : [wanted];
}
