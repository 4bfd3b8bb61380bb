import { formatPartialDate, readDateColumns, type PartialDate } from '../partial-date.js';
import { builder } from './builder.js';
import { DatePrecisionEnum, DateQualifierEnum } from './enums.js';

const order = { YEAR: 0, MONTH: 1, DAY: 2 } as const;

/** A date component shared by both bounds, at the stated precision; null when unknown or split. */
function component(date: PartialDate, part: 'year' | 'month' | 'day'): number | null {
  const needed = part === 'year' ? 0 : part === 'month' ? 1 : 2;
  if (order[date.precision] < needed) return null;
  const read = (d: Date) => (part === 'year' ? d.getUTCFullYear() : part === 'month' ? d.getUTCMonth() + 1 : d.getUTCDate());
  const keys = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()].slice(0, needed + 1).join('-');
  return keys(date.earliest) === keys(date.latest) ? read(date.earliest) : null;
}

export const PartialDateRef = builder.objectRef<PartialDate>('PartialDate').implement({
  description:
    'A date as precise as its source: a year, a month or a day, exact, approximate, or between two bounds. ' +
    '`earliest` and `latest` are the first and last day it can mean; "2017-03" is never shown as a day.',
  fields: (t) => ({
    year: t.int({ nullable: true, description: 'The year, when known.', resolve: (d) => component(d, 'year') }),
    month: t.int({ nullable: true, description: 'The month (1-12), when the precision is MONTH or DAY.', resolve: (d) => component(d, 'month') }),
    day: t.int({ nullable: true, description: 'The day of the month, when the precision is DAY.', resolve: (d) => component(d, 'day') }),
    precision: t.field({ type: DatePrecisionEnum, description: 'How precise the source is.', resolve: (d) => d.precision }),
    qualifier: t.field({ type: DateQualifierEnum, description: 'Exact, approximate or between two bounds.', resolve: (d) => d.qualifier }),
    iso: t.string({
      description: 'ISO 8601 at the stated precision: "2017", "2017-03", "2017-03-02"; an interval "2020-11-26/2020-11-27" for BETWEEN.',
      resolve: (d) => formatPartialDate(d),
    }),
    earliest: t.field({ type: 'Date', description: 'The first day the date can mean.', resolve: (d) => d.earliest }),
    latest: t.field({ type: 'Date', description: 'The last day the date can mean.', resolve: (d) => d.latest }),
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
}

export const CountRangeRef = builder.objectRef<CountRange>('CountRange').implement({
  description: 'A count given as a range: `min` = `max` for a single figure, `max` null for "at least".',
  fields: (t) => ({
    min: t.int({ nullable: true, description: 'Lower bound ("at least").', resolve: (r) => r.min }),
    max: t.int({ nullable: true, description: 'Upper bound; null when the source gives none.', resolve: (r) => r.max }),
  }),
});

/** A count range from two columns; null when both are unknown (unknown is not zero). */
export function countRange(min: number | null, max: number | null): CountRange | null {
  return min === null && max === null ? null : { min, max };
}
