import { badUserInput } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { isOpen, parsePartialDate, PartialDateError, type ClosedDate, type PartialDate } from '../values/partial-date.js';
import { boundedText } from '../search/text-limits.js';

/**
 * Parses a date argument ("2018", "2018-06", "2018-06-15", "~2018", "2018-06/2018-08"); a malformed
 * or open-ended one ("../2018") is BAD_USER_INPUT: an argument names a period, which has both ends.
 */
export function dateArgument(value: string | null | undefined, argument: string): ClosedDate | null {
  if (value === null || value === undefined) return null;
  let date: PartialDate;
  try {
    date = parsePartialDate(value);
  } catch (error) {
    if (error instanceof PartialDateError) throw badUserInput(`"${argument}": ${error.message}.`, argument);
    throw error;
  }
  if (isOpen(date)) throw badUserInput(`"${argument}": give a year, month, day or range with both ends, not an open date.`, argument);
  return date as ClosedDate;
}

/**
 * Whether a stated date can fall in the period [from, to]. A closed date matches when its range
 * overlaps the period (an incident dated "2018" may have happened in June 2018). A date open on one
 * side (on or before / on or after a day) matches only when the period holds all of it, unless
 * `includeOpen` asks for those whose open side may reach into the period.
 */
export function dateMeets(date: PartialDate | null, from: ClosedDate | null, to: ClosedDate | null, includeOpen = false): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  const { earliest, latest } = date;
  if (earliest && latest) return (!from || latest >= from.earliest) && (!to || earliest <= to.latest);
  if (includeOpen) return (!from || !latest || latest >= from.earliest) && (!to || !earliest || earliest <= to.latest);
  return (!from || (earliest !== null && earliest >= from.earliest)) && (!to || (latest !== null && latest <= to.latest));
}

const OPEN_QUALIFIERS = ['BEFORE', 'AFTER'] as const;

/**
 * The Prisma condition `dateMeets` states, for the `<prefix>` date columns of a model whose rows are
 * filtered in the database (incidents). `sorted`: the model has a `<prefix>Sort` column (the earliest
 * day, else the latest), and the condition bounds it too.
 */
export function dateMeetsWhere(prefix: string, from: ClosedDate | null, to: ClosedDate | null, includeOpen: boolean, sorted = false) {
  const E = `${prefix}Earliest`;
  const L = `${prefix}Latest`;
  const Q = `${prefix}Qualifier`;
  const and: Record<string, unknown>[] = [];
  if (from) {
    and.push({
      OR: includeOpen
        ? [{ [L]: { gte: from.earliest } }, { [Q]: 'AFTER' }]
        : [{ [Q]: { notIn: OPEN_QUALIFIERS }, [L]: { gte: from.earliest } }, { [Q]: 'AFTER', [E]: { gte: from.earliest } }],
    });
  }
  if (to) {
    and.push({
      OR: includeOpen
        ? [{ [E]: { lte: to.latest } }, { [Q]: 'BEFORE' }]
        : [{ [Q]: { notIn: OPEN_QUALIFIERS }, [E]: { lte: to.latest } }, { [Q]: 'BEFORE', [L]: { lte: to.latest } }],
    });
    // Implied by the condition above (a closed date sorts by its earliest day, "on or before" by its
    // latest), and what an index on the sort column can start from: without it, newest first read every
    // incident after the period and threw it away (30,000 at scale S for 2015-2020, 13 ms).
    if (sorted && !includeOpen) and.push({ [`${prefix}Sort`]: { lte: to.latest } });
  }
  return and;
}

/**
 * Name or any alias contains the text once both are normalised as search normalises names (case,
 * diacritics, apostrophes ’ ' ʿ, hyphens), so "Jama'at" finds "Jama’at". Reads the stored
 * normalised names of the search index (organizations and persons alike).
 */
export function nameOrAliasContains(text: string, argument: string): { searchNames: Prisma.SearchNameListRelationFilter } {
  const normalized = boundedText(text, argument);
  // Nothing left after normalisation (only punctuation): every name contains "", as before.
  return { searchNames: { some: { normalized: { contains: normalized } } } };
}
