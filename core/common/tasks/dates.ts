// Calendar dates for the date-normalisation task: several human formats, the ISO 8601 form, a seeded
// uniform date, and a reference normaliser (format → ISO) that tests and the UI use to check answers.
// Dates are proleptic Gregorian, computed in UTC so no time zone can shift a day.
import type { Rng } from '../random/rng';

export interface CalendarDate {
  readonly year: number;
  /** 1 … 12 */
  readonly month: number;
  /** 1 … 31 */
  readonly day: number;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** In `Date.getUTCDay()` order. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The input formats, named by their pattern (d day, MMM month abbreviation, MMMM month, EEEE weekday). */
export const DATE_FORMATS = [
  'd MMM yyyy',
  'd MMMM yyyy',
  'MMMM d, yyyy',
  'MMM d, yyyy',
  'dd/MM/yyyy',
  'dd.MM.yyyy',
  'yyyy/MM/dd',
  'EEEE, d MMMM yyyy',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MS_PER_DAY = 86_400_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function toUtc(date: CalendarDate): Date {
  const d = new Date(Date.UTC(2000, date.month - 1, date.day));
  d.setUTCFullYear(date.year); // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly
  return d;
}

export function isValidDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = toUtc(date);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** ISO 8601 calendar date, e.g. '2026-11-27'. */
export function isoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatDate(date: CalendarDate, format: DateFormat): string {
  const { year, month, day } = date;
  const name = MONTHS[month - 1];
  if (name === undefined) throw new Error(`formatDate: month ${month} is outside 1..12`);
  const abbreviation = name.slice(0, 3);
  const yyyy = pad(year, 4);
  switch (format) {
    case 'd MMM yyyy':
      return `${day} ${abbreviation} ${yyyy}`;
    case 'd MMMM yyyy':
      return `${day} ${name} ${yyyy}`;
    case 'MMMM d, yyyy':
      return `${name} ${day}, ${yyyy}`;
    case 'MMM d, yyyy':
      return `${abbreviation} ${day}, ${yyyy}`;
    case 'dd/MM/yyyy':
      return `${pad(day, 2)}/${pad(month, 2)}/${yyyy}`;
    case 'dd.MM.yyyy':
      return `${pad(day, 2)}.${pad(month, 2)}.${yyyy}`;
    case 'yyyy/MM/dd':
      return `${yyyy}/${pad(month, 2)}/${pad(day, 2)}`;
    case 'EEEE, d MMMM yyyy':
      return `${WEEKDAYS[toUtc(date).getUTCDay()]}, ${day} ${name} ${yyyy}`;
  }
}

/** A date uniform over every day from 1 January `minYear` to 31 December `maxYear`. */
export function randomDate(rng: Rng, minYear: number, maxYear: number): CalendarDate {
  const first = toUtc({ year: minYear, month: 1, day: 1 }).getTime() / MS_PER_DAY;
  const last = toUtc({ year: maxYear, month: 12, day: 31 }).getTime() / MS_PER_DAY;
  const d = new Date((first + rng.int(last - first + 1)) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function monthNumber(name: string): number {
  const full = MONTHS.findIndex((m) => m === name);
  return (full >= 0 ? full : MONTHS.findIndex((m) => m.slice(0, 3) === name)) + 1; // 0 when unknown
}

/** Group i of a match; every pattern below has only non-optional groups, so a missing one is a bug. */
function group(m: RegExpMatchArray, i: number): string {
  const g = m[i];
  if (g === undefined) throw new Error(`parseDate: group ${i} of the match ${JSON.stringify(m[0])} is missing`);
  return g;
}

type Parser = (m: RegExpMatchArray) => CalendarDate & { weekday?: string };
const PARSERS: readonly (readonly [RegExp, Parser])[] = [
  [/^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/, (m) => ({ day: +group(m, 1), month: monthNumber(group(m, 2)), year: +group(m, 3) })],
  [/^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/, (m) => ({ day: +group(m, 2), month: monthNumber(group(m, 1)), year: +group(m, 3) })],
  [/^(\d{2})([/.])(\d{2})\2(\d{4})$/, (m) => ({ day: +group(m, 1), month: +group(m, 3), year: +group(m, 4) })],
  [/^(\d{4})[/-](\d{2})[/-](\d{2})$/, (m) => ({ day: +group(m, 3), month: +group(m, 2), year: +group(m, 1) })],
  [
    /^([A-Z][a-z]+), (\d{1,2}) ([A-Z][a-z]+) (\d{4})$/,
    (m) => ({ day: +group(m, 2), month: monthNumber(group(m, 3)), year: +group(m, 4), weekday: group(m, 1) }),
  ],
];

/** Reads a date in any of DATE_FORMATS (or ISO); null when the text is not one or names an impossible date. */
export function parseDate(text: string): CalendarDate | null {
  for (const [pattern, parse] of PARSERS) {
    const match = text.match(pattern);
    if (match === null) continue;
    const { weekday, ...date } = parse(match);
    if (!isValidDate(date)) return null;
    if (weekday !== undefined && WEEKDAYS[toUtc(date).getUTCDay()] !== weekday) return null;
    return date;
  }
  return null;
}

/** The reference answer of the task: any supported format → 'yyyy-MM-dd', or null. */
export function normaliseDate(text: string): string | null {
  const date = parseDate(text);
  return date === null ? null : isoDate(date);
}
