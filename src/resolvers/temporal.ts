// Three-valued answers to "in effect at that time?": a membership, tie or area whose known dates place
// it in effect is CERTAIN; one whose unknown dates (no start, no end, an open bound, an undated death)
// do not exclude it is POSSIBLE; one its known dates exclude is left out.
import { badUserInput } from '../errors.js';
import { readDateColumns, type ClosedDate, type PartialDate } from '../values/partial-date.js';
import { dateArgument } from './filters.js';

export type Certainty = 'CERTAIN' | 'POSSIBLE';

/** What is known of a person's life that bears on their roles. */
export interface Life {
  died: PartialDate | null;
  deceased: boolean;
}

/** A row as matched by a temporal argument; `certainty` is absent when none was given. */
export type Matched<T> = T & { certainty?: Certainty };

export interface TemporalArgs {
  asOf?: string | null;
  current?: boolean | null;
  certainty?: Certainty | null;
}

/** Whether the period [start, end] was in effect at some day within `at`. */
export function certaintyAt(start: PartialDate | null, end: PartialDate | null, at: ClosedDate, life?: Life | null): Certainty | null {
  if (start?.earliest && start.earliest > at.latest) return null;
  if (end?.latest && end.latest < at.earliest) return null;
  if (life?.died?.latest && life.died.latest < at.earliest) return null;
  // Certain when every possible start and end leave a common day inside `at`; a known end makes the
  // death date irrelevant (the role lasted until then).
  const certain =
    start?.latest != null &&
    end?.earliest != null &&
    start.latest <= at.latest &&
    end.earliest >= at.earliest &&
    start.latest <= end.earliest;
  return certain ? 'CERTAIN' : 'POSSIBLE';
}

function today(): ClosedDate {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { earliest: day, latest: day };
}

/**
 * `current: true`: in effect today (a person reported dead is not, whatever the date); `false`: no
 * longer in effect, CERTAIN when ended in the past or the person is dead.
 */
function currentCertainty(start: PartialDate | null, end: PartialDate | null, current: boolean, life?: Life | null): Certainty | null {
  const now = today();
  if (current) return life?.deceased ? null : certaintyAt(start, end, now, life);
  if (life?.deceased || (end?.latest && end.latest < now.earliest)) return 'CERTAIN';
  if (start?.earliest && start.earliest > now.latest) return null;
  return certaintyAt(start, end, now, life) === 'CERTAIN' ? null : 'POSSIBLE';
}

/**
 * Keeps the rows in effect as `args` asks (`asOf` a date, or `current`), each with its certainty;
 * `certainty: CERTAIN` drops the possible ones. Without `asOf` or `current`, returns the rows as they are.
 */
export function matchInTime<T extends object>(rows: readonly T[], args: TemporalArgs, lifeOf?: (row: T) => Life | null): Matched<T>[] {
  const hasCurrent = args.current !== null && args.current !== undefined;
  if (hasCurrent && args.asOf != null) throw badUserInput('Give "asOf" or "current", not both.', 'asOf');
  const at = dateArgument(args.asOf, 'asOf');
  if (!at && !hasCurrent) {
    if (args.certainty) throw badUserInput('"certainty" qualifies "asOf" or "current"; give one of them.', 'certainty');
    return [...rows];
  }
  const matched: Matched<T>[] = [];
  for (const row of rows) {
    const start = readDateColumns(row, 'start');
    const end = readDateColumns(row, 'end');
    const life = lifeOf?.(row) ?? null;
    const certainty = at ? certaintyAt(start, end, at, life) : currentCertainty(start, end, args.current!, life);
    if (!certainty || (args.certainty === 'CERTAIN' && certainty !== 'CERTAIN')) continue;
    matched.push({ ...row, certainty });
  }
  return matched;
}
