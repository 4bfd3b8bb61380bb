import { badUserInput } from '../errors.js';
import { parsePartialDate, PartialDateError, type PartialDate } from '../partial-date.js';

/** Parses a date argument ("2018", "2018-06", "2018-06-15"); a malformed one is BAD_USER_INPUT. */
export function dateArgument(value: string | null | undefined, argument: string): PartialDate | null {
  if (value === null || value === undefined) return null;
  try {
    return parsePartialDate(value);
  } catch (error) {
    if (error instanceof PartialDateError) throw badUserInput(`"${argument}": ${error.message}.`, argument);
    throw error;
  }
}

/** Whether a stated date can fall in the period [from, to] (its range overlaps the period). */
export function dateOverlaps(
  date: { earliest: Date; latest: Date } | null,
  from: PartialDate | null,
  to: PartialDate | null,
): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date.latest >= from.earliest) && (!to || date.earliest <= to.latest);
}

/** Name or any alias contains the text, case-insensitively (for organizations and persons alike). */
export function nameOrAliasContains(text: string) {
  return {
    OR: [
      { name: { contains: text, mode: 'insensitive' as const } },
      { aliases: { some: { name: { contains: text, mode: 'insensitive' as const } } } },
    ],
  };
}
