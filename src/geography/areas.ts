/**
 * The one area abstraction: what a profile, a population, a spend or a cost of demand is asked
 * about. An area is a locality, a group of localities in one of the geography's groupings (e.g.
 * the tier "market towns", the "managed" areas), the whole area the geography covers (a county,
 * unitary, district or metropolitan borough), an ad hoc set of localities combined on request, or
 * a custom area a user saved from small areas (src/custom-areas/).
 *
 * Codes: a locality's own code; `grouping/group` for a group (e.g. `tier/MARKET_TOWN`); "COUNTY"
 * for the whole area; "GROUP" for a combined set; a custom area's global id for it. Every domain keys its answers `KIND:code`.
 */

export const AREA_KINDS = ['LOCALITY', 'LOCALITY_GROUP', 'COUNTY', 'GROUP', 'CUSTOM'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface AreaKey {
  kind: AreaKind;
  code: string;
}

/** The code of the whole area and of a combined set. */
export const WHOLE_AREA_CODE = 'COUNTY';
export const COMBINED_CODE = 'GROUP';

/** The key every domain's per-shape answer map uses. */
export const areaKeyText = (area: AreaKey): string => `${area.kind}:${area.code}`;

/** A group's area code: `grouping/group`. */
export const groupAreaCode = (grouping: string, group: string): string => `${grouping}/${group}`;

/** The grouping and group of a group's area code, or null when it is not one. */
export function parseGroupAreaCode(code: string): { grouping: string; group: string } | null {
  const at = code.indexOf('/');
  if (at <= 0 || at === code.length - 1 || code.indexOf('/', at + 1) >= 0) return null;
  return { grouping: code.slice(0, at), group: code.slice(at + 1) };
}
