/**
 * Money without float drift: amounts are whole pence held as `bigint`, read from and written as
 * decimal strings of pounds ("1234.56"). A pounds string is parsed digit by digit (never through
 * a JS number), so "0.1" + "0.2" is 30 pence exactly. Divisions (re-basing, per head) round half
 * to even, the usual rule for money, so rounding does not drift one way over many lines.
 */

const POUNDS = /^([+-])?£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Whole pence from a pounds string with up to 2 decimals (thousands separators and £ allowed); null if it is not one. */
export function parsePounds(text: string): bigint | null {
  const match = POUNDS.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const pence = BigInt(whole!.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  return sign === '-' ? -pence : pence;
}

/**
 * The bounds of money a client sends (a fund contribution, a commission, a round's pot, a
 * proposal's cost, an appraisal's costs): a plain decimal string of pounds, digits with at most
 * two decimals ("25000", "25000.5", "25000.50"), from 0 up to £10,000,000,000.00 (ten billion: far
 * above any partnership's budget, and exact as pence in a JS number, 2^53, and a SQL BIGINT). No
 * sign, no "£", no thousands separators, no exponent ("1e30"), no "NaN" or "Infinity": a client
 * sends the number, not a formatted amount. (Imported files keep the looser `parsePounds`.)
 */
export const MAX_INPUT_PENCE = 1_000_000_000_000n;
const INPUT_POUNDS = /^(\d{1,11})(?:\.(\d{1,2}))?$/;

/** Why `text` is not client money (see MAX_INPUT_PENCE), or its whole pence. */
export function parseInputPounds(text: string): { pence: bigint } | { problem: string } {
  const match = INPUT_POUNDS.exec(text);
  if (!match) {
    return { problem: 'must be an amount of pounds: digits with at most 2 decimals, e.g. "1250.00" (no sign, "£", commas or exponent)' };
  }
  const pence = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (pence > MAX_INPUT_PENCE) return { problem: `must be at most ${formatPence(MAX_INPUT_PENCE)} pounds` };
  return { pence };
}

/** Pence as a pounds string with two decimals ("-12.05"). */
export function formatPence(pence: bigint): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** numerator / denominator rounded half to even (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfEven: the denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let quotient = abs / denominator;
  const twice = (abs % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** A decimal string ("104.372", "3") as an integer scaled by 10^scale (exact; extra digits refused). */
export function scaledDecimal(text: string, scale: number): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) throw new RangeError(`${text} has more than ${scale} decimal places`);
  const value = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(trimmed.padEnd(scale, '0') || '0');
  return sign ? -value : value;
}

/** Pence as a JS number of pounds for arithmetic that is not money in the ledger (appraisal maths). */
export const poundsOf = (pence: bigint): number => Number(pence) / 100;

/** A number of pounds rounded to whole pence, half away from zero, then written as a pounds string. */
export function formatPounds(pounds: number): string {
  const pence = Math.round(Math.abs(pounds) * 100) * Math.sign(pounds);
  return formatPence(BigInt(pence === 0 ? 0 : pence));
}
