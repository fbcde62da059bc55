// Display formatting shared by views: dates, durations, and the one number format of every chart, tooltip and table.

/** Epoch milliseconds as a short local date and time. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Seconds as "42 s", "3 min 5 s" or "1 h 20 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * How every number in the renderer is written: three significant digits, trailing zeros dropped ("230", never
 * "230.00"; "0.333", never 17 digits). `plain` writes the digits out, `si` adds a k/M/G/T suffix from 10⁴ up
 * ("12.3k"), `scientific` writes a mantissa and a power of ten ("1.23e-5").
 */
export type NumberStyle = 'plain' | 'si' | 'scientific';

const SIGNIFICANT_DIGITS = 3;
/** From here up, `auto` and axis formats use SI suffixes (below it, 4-digit integers such as step 2000 read best as they are). */
const SI_FROM = 1e4;
/** Below this magnitude (and above 0), `auto` and axis formats switch to scientific: 0.000123 is hard to read. */
const SCIENTIFIC_BELOW = 1e-3;
const SI_SUFFIXES = [
  { factor: 1e12, suffix: 'T' },
  { factor: 1e9, suffix: 'G' },
  { factor: 1e6, suffix: 'M' },
  { factor: 1e3, suffix: 'k' },
] as const;

/** `x` rounded to three significant digits as a number (0.000123456 → 0.000123, 99950 → 1e5). */
function roundSignificant(x: number): number {
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** Digits of an already rounded value, without exponent and without trailing zeros ("0.5", "230", "1.23"). */
function plainDigits(x: number): string {
  return String(roundSignificant(x));
}

function scientific(x: number): string {
  const [mantissa = '', exponent = '0'] = x.toExponential(SIGNIFICANT_DIGITS - 1).split('e');
  // "1.20" → "1.2", "3.00" → "3"; "+5" → "5"
  return `${mantissa.replace(/\.?0+$/, '')}e${Number(exponent)}`;
}

function si(x: number): string {
  const magnitude = Math.abs(x);
  for (const { factor, suffix } of SI_SUFFIXES) if (magnitude >= factor) return `${plainDigits(x / factor)}${suffix}`;
  return plainDigits(x);
}

/** The style `formatNumber` picks for one value on its own. */
function autoStyle(x: number): NumberStyle {
  const magnitude = Math.abs(x);
  if (magnitude >= SI_FROM * 1e12) return 'scientific'; // beyond T
  if (magnitude >= SI_FROM) return 'si';
  if (magnitude > 0 && magnitude < SCIENTIFIC_BELOW) return 'scientific';
  return 'plain';
}

/**
 * A number as a person reads it in a chart, a tooltip or a table: three significant digits in `style` (by default
 * the style that suits this one value). NaN, ±∞ are named; −0 is 0.
 */
export function formatNumber(x: number, style?: NumberStyle): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  const rounded = roundSignificant(x);
  if (rounded === 0) return '0';
  const chosen = style ?? autoStyle(rounded);
  if (chosen === 'scientific') return scientific(rounded);
  if (chosen === 'si') return si(rounded);
  return plainDigits(rounded);
}

/**
 * One style for every tick of an axis whose values lie in `values` (ticks "0.001, 1e-4" side by side would read as
 * two scales): scientific if any non-zero magnitude is below 10⁻³ or beyond SI, SI if any reaches 10⁴, else plain.
 */
export function axisNumberStyle(values: Iterable<number>): NumberStyle {
  let smallest = Infinity;
  let largest = 0;
  for (const value of values) {
    const magnitude = Math.abs(value);
    if (!Number.isFinite(magnitude) || magnitude === 0) continue;
    smallest = Math.min(smallest, magnitude);
    largest = Math.max(largest, magnitude);
  }
  if (smallest < SCIENTIFIC_BELOW || largest >= SI_FROM * 1e12) return 'scientific';
  if (largest >= SI_FROM) return 'si';
  return 'plain';
}

/** The tick formatter of an axis over `values` (see axisNumberStyle). */
export function axisNumberFormatter(values: Iterable<number>): (value: number) => string {
  const style = axisNumberStyle(values);
  return (value) => formatNumber(value, style);
}
