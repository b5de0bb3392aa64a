/**
 * Periods as statistical releases write them, made comparable: a calendar year ("2019"), a
 * financial year ("2019/20" or "2019-20", April to March), a quarter ("2019 Q3" or "2019-Q3"), a
 * month ("2019-07") or a date such as a census day ("2021-03-21").
 *
 * Each period gets a kind, a start date (periods sort by it) and, except for dates, an index that
 * counts periods of its kind (years, quarters, months), so "consecutive and equally spaced", which
 * a trend needs, is "same kind and indices one apart".
 */
export type PeriodKind = 'YEAR' | 'FINANCIAL_YEAR' | 'QUARTER' | 'MONTH' | 'DATE';

export interface Period {
  label: string;
  kind: PeriodKind;
  /** ISO date (YYYY-MM-DD) the period starts on. */
  start: string;
  /** Counts periods of this kind; null for a date, which has no natural successor. */
  index: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period a label names, or null if it is not one of the forms above. */
export function parsePeriod(text: string): Period | null {
  const label = text.trim();
  let match = /^(\d{4})$/.exec(label);
  if (match) {
    const year = Number(match[1]);
    return { label, kind: 'YEAR', start: `${year}-01-01`, index: year };
  }
  match = /^(\d{4})[/-](\d{2})$/.exec(label);
  if (match) {
    const year = Number(match[1]);
    const second = Number(match[2]);
    if (second === (year + 1) % 100) return { label, kind: 'FINANCIAL_YEAR', start: `${year}-04-01`, index: year };
    if (second >= 1 && second <= 12 && label[4] === '-') {
      return { label, kind: 'MONTH', start: `${year}-${pad(second)}-01`, index: year * 12 + second - 1 };
    }
    return null;
  }
  match = /^(\d{4})[ -]?Q([1-4])$/i.exec(label);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    return { label, kind: 'QUARTER', start: `${year}-${pad((quarter - 1) * 3 + 1)}-01`, index: year * 4 + quarter - 1 };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (match) {
    const date = new Date(`${label}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== label) return null;
    return { label, kind: 'DATE', start: label, index: null };
  }
  return null;
}

/** True when the periods (in order) are of one kind and each follows the one before. */
export function consecutive(periods: readonly Pick<Period, 'kind' | 'index'>[]): boolean {
  return periods.every(
    (period, i) =>
      period.index !== null &&
      (i === 0 || (period.kind === periods[0]!.kind && period.index === periods[i - 1]!.index! + 1)),
  );
}
