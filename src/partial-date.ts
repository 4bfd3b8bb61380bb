// Dates as sources state them: a year, a month or a day, exact, approximate, or between two bounds.
// Stored as the inclusive range of days the statement covers plus its precision (see schema.prisma).
import type { DatePrecision, DateQualifier } from './generated/prisma/enums.js';

export interface PartialDate {
  earliest: Date;
  latest: Date;
  precision: DatePrecision;
  qualifier: DateQualifier;
}

export class PartialDateError extends Error {}

const PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The range of days covered by "2017", "2017-03" or "2017-03-02". */
function parseBound(text: string): { earliest: Date; latest: Date; precision: DatePrecision } {
  const match = PART.exec(text);
  if (!match) throw new PartialDateError(`"${text}" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD`);
  const year = Number(match[1]);
  if (match[2] === undefined) return { earliest: utc(year, 1, 1), latest: utc(year, 12, 31), precision: 'YEAR' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new PartialDateError(`"${text}" has no month ${month}`);
  if (match[3] === undefined) {
    return { earliest: utc(year, month, 1), latest: utc(year, month, daysInMonth(year, month)), precision: 'MONTH' };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new PartialDateError(`"${text}" is not a calendar day`);
  return { earliest: utc(year, month, day), latest: utc(year, month, day), precision: 'DAY' };
}

/**
 * Parses the notation used in the seed and in filters:
 * "2017-03" (exact month), "~1958" (approximately 1958), "2020-11-26/2020-11-27" (between two days).
 */
export function parsePartialDate(text: string): PartialDate {
  const value = text.trim();
  if (value.startsWith('~')) return { ...parseBound(value.slice(1)), qualifier: 'APPROXIMATE' };
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const from = parseBound(value.slice(0, slash));
    const to = parseBound(value.slice(slash + 1));
    if (from.precision !== to.precision) throw new PartialDateError(`"${value}": both bounds need the same precision`);
    if (from.earliest > to.latest) throw new PartialDateError(`"${value}": the first bound is after the second`);
    return { earliest: from.earliest, latest: to.latest, precision: from.precision, qualifier: 'BETWEEN' };
  }
  return { ...parseBound(value), qualifier: 'EXACT' };
}

function formatBound(date: Date, precision: DatePrecision): string {
  const iso = date.toISOString().slice(0, 10);
  return precision === 'YEAR' ? iso.slice(0, 4) : precision === 'MONTH' ? iso.slice(0, 7) : iso;
}

/** "2017", "2017-03", "2017-03-02"; a BETWEEN date is an ISO 8601 interval "2020-11-26/2020-11-27". */
export function formatPartialDate(date: PartialDate): string {
  const start = formatBound(date.earliest, date.precision);
  if (date.qualifier !== 'BETWEEN') return start;
  return `${start}/${formatBound(date.latest, date.precision)}`;
}

/** The row columns `<prefix>Earliest` ... for a date, or all null. */
export function dateColumns<P extends string>(prefix: P, date: PartialDate | null | undefined) {
  return {
    [`${prefix}Earliest`]: date?.earliest ?? null,
    [`${prefix}Latest`]: date?.latest ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Qualifier`]: date?.qualifier ?? null,
  } as Record<`${P}${'Earliest' | 'Latest'}`, Date | null> &
    Record<`${P}Precision`, DatePrecision | null> &
    Record<`${P}Qualifier`, DateQualifier | null>;
}

/** Reads the `<prefix>...` columns of a row back into a date; null when the date is unknown. */
export function readDateColumns(row: object, prefix: string): PartialDate | null {
  const r = row as Record<string, unknown>;
  const earliest = r[`${prefix}Earliest`];
  const latest = r[`${prefix}Latest`];
  const precision = r[`${prefix}Precision`];
  const qualifier = r[`${prefix}Qualifier`];
  if (!(earliest instanceof Date) || !(latest instanceof Date) || !precision || !qualifier) return null;
  return { earliest, latest, precision: precision as DatePrecision, qualifier: qualifier as DateQualifier };
}
