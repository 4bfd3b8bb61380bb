import type { QuantityQualifier } from '../generated/prisma/enums.js';
import { formatPartialDate, inferenceOf, readDateColumns, type PartialDate } from '../values/partial-date.js';
import { builder } from './builder.js';
import { DatePrecisionEnum, DateQualifierEnum, QuantityQualifierEnum } from './enums.js';

const order = { YEAR: 0, MONTH: 1, DAY: 2 } as const;

/** A date component shared by both bounds, at the stated precision; null when unknown, split or open. */
function component(date: PartialDate, part: 'year' | 'month' | 'day'): number | null {
  const needed = part === 'year' ? 0 : part === 'month' ? 1 : 2;
  if (order[date.precision] < needed || !date.earliest || !date.latest) return null;
  const read = (d: Date) => (part === 'year' ? d.getUTCFullYear() : part === 'month' ? d.getUTCMonth() + 1 : d.getUTCDate());
  const keys = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()].slice(0, needed + 1).join('-');
  return keys(date.earliest) === keys(date.latest) ? read(date.earliest) : null;
}

export const PartialDateRef = builder.objectRef<PartialDate>('PartialDate').implement({
  description:
    'A date as precise as its source: a year, a month or a day, exact, approximate, between two bounds, or open on one ' +
    'side (on or before, on or after a day). `earliest` and `latest` are the first and last day it can mean; ' +
    '"2017-03" is never shown as a day. A date no passage states but the text implies is marked `inferred`, with the reasoning.',
  fields: (t) => ({
    year: t.int({ nullable: true, description: 'The year, when known (null for an open date).', resolve: (d) => component(d, 'year') }),
    month: t.int({ nullable: true, description: 'The month (1-12), when the precision is MONTH or DAY.', resolve: (d) => component(d, 'month') }),
    day: t.int({ nullable: true, description: 'The day of the month, when the precision is DAY.', resolve: (d) => component(d, 'day') }),
    precision: t.field({ type: DatePrecisionEnum, description: 'How precise the source is (for an open date: its known bound).', resolve: (d) => d.precision }),
    qualifier: t.field({ type: DateQualifierEnum, description: 'Exact, approximate, between two bounds, on or before, on or after.', resolve: (d) => d.qualifier }),
    iso: t.string({
      description:
        'ISO 8601 at the stated precision: "2017", "2017-03", "2017-03-02"; an interval "2020-11-26/2020-11-27" for BETWEEN, ' +
        '"../2020-11-13" for BEFORE, "2019-07/.." for AFTER.',
      resolve: (d) => formatPartialDate(d),
    }),
    earliest: t.field({ type: 'Date', nullable: true, description: 'The first day the date can mean; null when open (BEFORE).', resolve: (d) => d.earliest }),
    latest: t.field({ type: 'Date', nullable: true, description: 'The last day the date can mean; null when open (AFTER).', resolve: (d) => d.latest }),
    inferred: t.boolean({
      description: 'True when no cited passage states the date (or part of it) and it was inferred from the surrounding text.',
      resolve: (d) => Boolean(d.inference),
    }),
    inference: t.string({ nullable: true, description: 'How an inferred date was inferred ("year from the paragraph’s ‘Since July 2019’").', resolve: (d) => d.inference ?? null }),
  }),
});

/** Field options reading the `<prefix>Earliest/Latest/Precision/Qualifier` columns of a row. */
export function partialDateField(prefix: string, description: string) {
  return {
    type: PartialDateRef,
    nullable: true as const,
    description,
    resolve: (row: object) => readDateColumns(row, prefix),
  };
}

export interface CountRange {
  min: number | null;
  max: number | null;
  qualifier: QuantityQualifier;
  inference: string | null;
}

export const CountRangeRef = builder.objectRef<CountRange>('CountRange').implement({
  description: 'A count as the source gives it: a figure, a range, "around", "at least", "more than"; see `qualifier`.',
  fields: (t) => ({
    min: t.int({ nullable: true, description: 'Lower bound; null for "at most" / "less than".', resolve: (r) => r.min }),
    max: t.int({ nullable: true, description: 'Upper bound; null for "at least" / "more than".', resolve: (r) => r.max }),
    qualifier: t.field({
      type: QuantityQualifierEnum,
      description: 'How the bounds relate to the source’s words.',
      resolve: (r) => r.qualifier,
    }),
    inferred: t.boolean({ description: 'True when no cited passage states the count and it was inferred.', resolve: (r) => Boolean(r.inference) }),
    inference: t.string({ nullable: true, description: 'How an inferred count was inferred.', resolve: (r) => r.inference }),
  }),
});

/** A count from a row's `<prefix>Min/Max/Qualifier` columns; null when unknown (unknown is not zero). */
export function countRange(row: object, prefix: 'killed' | 'injured'): CountRange | null {
  const r = row as Record<string, unknown>;
  const min = (r[`${prefix}Min`] as number | null) ?? null;
  const max = (r[`${prefix}Max`] as number | null) ?? null;
  if (min === null && max === null) return null;
  // A CHECK constraint sets the qualifier whenever a bound is known.
  return { min, max, qualifier: r[`${prefix}Qualifier`] as QuantityQualifier, inference: inferenceOf(row, prefix) };
}
