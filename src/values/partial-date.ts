// Dates as sources state them: a year, a month or a day, exact, approximate, between two bounds, or
// open on one side (on or before, on or after a day). Stored as the inclusive range of days the
// statement covers plus its precision (see schema.prisma); an open side is null.
import type { DatePrecision, DateQualifier } from '../generated/prisma/enums.js';

export interface PartialDate {
  /** The first day it can mean; null when open (BEFORE). */
  earliest: Date | null;
  /** The last day it can mean; null when open (AFTER). */
  latest: Date | null;
  precision: DatePrecision;
  qualifier: DateQualifier;
  /** Set when no passage states the date and it was inferred: the reasoning. */
  inference?: string | null;
}

/** A date with both bounds: what filters and `asOf` arguments take. */
export interface ClosedDate {
  earliest: Date;
  latest: Date;
}

export const OPEN = '..';

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
 * Parses the notation used in the seed and in filters (ISO 8601-2's for open intervals):
 * "2017-03" (exact month), "~1958" (approximately 1958), "2020-11-26/2020-11-27" (between two days),
 * "../2020-11-13" (on or before), "2019-07/.." (on or after).
 */
export function parsePartialDate(text: string): PartialDate {
  const value = text.trim();
  if (value.startsWith('~')) return { ...parseBound(value.slice(1)), qualifier: 'APPROXIMATE' };
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const first = value.slice(0, slash);
    const second = value.slice(slash + 1);
    if (first === OPEN && second === OPEN) throw new PartialDateError(`"${value}" is open on both sides`);
    if (first === OPEN) {
      const bound = parseBound(second);
      return { earliest: null, latest: bound.latest, precision: bound.precision, qualifier: 'BEFORE' };
    }
    if (second === OPEN) {
      const bound = parseBound(first);
      return { earliest: bound.earliest, latest: null, precision: bound.precision, qualifier: 'AFTER' };
    }
    const from = parseBound(first);
    const to = parseBound(second);
    if (from.precision !== to.precision) throw new PartialDateError(`"${value}": both bounds need the same precision`);
    if (from.earliest > to.latest) throw new PartialDateError(`"${value}": the first bound is after the second`);
    return { earliest: from.earliest, latest: to.latest, precision: from.precision, qualifier: 'BETWEEN' };
  }
  return { ...parseBound(value), qualifier: 'EXACT' };
}

function formatBound(date: Date | null, precision: DatePrecision): string {
  if (!date) return OPEN;
  const iso = date.toISOString().slice(0, 10);
  return precision === 'YEAR' ? iso.slice(0, 4) : precision === 'MONTH' ? iso.slice(0, 7) : iso;
}

/**
 * "2017", "2017-03", "2017-03-02"; an ISO 8601 interval for BETWEEN ("2020-11-26/2020-11-27") and
 * for open dates ("../2020-11-13" on or before, "2019-07/.." on or after).
 */
export function formatPartialDate(date: PartialDate): string {
  if (date.qualifier === 'BEFORE') return `${OPEN}/${formatBound(date.latest, date.precision)}`;
  if (date.qualifier === 'AFTER') return `${formatBound(date.earliest, date.precision)}/${OPEN}`;
  const start = formatBound(date.earliest, date.precision);
  if (date.qualifier !== 'BETWEEN') return start;
  return `${start}/${formatBound(date.latest, date.precision)}`;
}

/** Whether one side of the date is open (BEFORE or AFTER). */
export function isOpen(date: PartialDate): boolean {
  return date.earliest === null || date.latest === null;
}

/** The inference recorded for `field` in a row's `inferences` column, if any. */
export function inferenceOf(row: object, field: string): string | null {
  const inferences = (row as { inferences?: unknown }).inferences;
  if (!inferences || typeof inferences !== 'object') return null;
  const value = (inferences as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
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

/**
 * Reads the `<prefix>...` columns of a row back into a date, with its inference (from the row's
 * `inferences`) when it has one; null when the date is unknown.
 */
export function readDateColumns(row: object, prefix: string): PartialDate | null {
  const r = row as Record<string, unknown>;
  const day = (value: unknown) => (value instanceof Date ? value : null);
  const earliest = day(r[`${prefix}Earliest`]);
  const latest = day(r[`${prefix}Latest`]);
  const precision = r[`${prefix}Precision`];
  const qualifier = r[`${prefix}Qualifier`];
  if (!precision || !qualifier || (!earliest && !latest)) return null;
  return {
    earliest,
    latest,
    precision: precision as DatePrecision,
    qualifier: qualifier as DateQualifier,
    inference: inferenceOf(row, prefix),
  };
}
