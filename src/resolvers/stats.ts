// Incident aggregates for dashboards, counted and summed by PostgreSQL in one statement (GROUP BY), in
// SQL rather than through Prisma: the filter is the incidents list's, translated by sql-where.ts.
import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import type { CountRange } from '../schema/dates.js';
import { rollupAnswers, rollupWhere } from './incident-rollup.js';
import { incidentWhere, type IncidentFilter } from './incidents.js';
import { whereSql } from './sql-where.js';
import { Incident as IncidentTable } from './tables.js';

export type StatsGroup = 'YEAR' | 'COUNTRY' | 'KIND' | 'PERPETRATOR';

/**
 * Buckets one answer holds at most, and by default. By perpetrator there is one per organization that
 * committed an incident: 18,402 at scale M, 1.3 MB and 0.58 s a request, costed as a list of ten; bounded,
 * 20 KB and 0.32 s (PostgreSQL still groups every perpetration). Countries, years and kinds stay under the default.
 */
export const MAX_STATS_BUCKETS = 1_000;
export const DEFAULT_STATS_BUCKETS = 250;

export interface StatsBucket {
  /** Year ("2018"), country code, incident kind or organization id; null for "unknown". */
  key: string | null;
  group: StatsGroup;
  incidentCount: number;
  /** Sums over incidents with a known count; null when no incident has one. */
  killed: CountRange | null;
  killedUnknown: number;
  injured: CountRange | null;
  injuredUnknown: number;
}

/** One bucket's row, as the statement returns it. */
interface Partial {
  key: string | null;
  count: number;
  killedMinSum: number;
  killedMaxSum: number;
  killedMinCount: number;
  killedMaxCount: number;
  injuredMinSum: number;
  injuredMaxSum: number;
  injuredMinCount: number;
  injuredMaxCount: number;
}

/**
 * The max is unbounded (null) as soon as one counted incident is open-ended ("at least six"); the
 * qualifier says what the summed bounds are (approximate counts are summed by their bounds).
 */
function sumRange(minCount: number, minSum: number, maxCount: number, maxSum: number): CountRange | null {
  if (minCount === 0) return null;
  const max = maxCount === minCount ? maxSum : null;
  return { min: minSum, max, qualifier: max === null ? 'AT_LEAST' : max === minSum ? 'EXACT' : 'BETWEEN', inference: null };
}

function toBucket(group: StatsGroup, p: Partial): StatsBucket {
  return {
    key: p.key,
    group,
    incidentCount: p.count,
    killed: sumRange(p.killedMinCount, p.killedMinSum, p.killedMaxCount, p.killedMaxSum),
    killedUnknown: p.count - p.killedMinCount,
    injured: sumRange(p.injuredMinCount, p.injuredMinSum, p.injuredMaxCount, p.injuredMaxSum),
    injuredUnknown: p.count - p.injuredMinCount,
  };
}

/**
 * The column an incident (`t`) or one of its perpetrators (`p`) is bucketed by; the rollup (`t`) has the
 * incident's. Grouped as it is and read as text: grouped by the text, the buckets could not follow an
 * index's order.
 */
const KEYS: Record<StatsGroup, string> = {
  YEAR: 't."dateYear"',
  COUNTRY: 't."countryCode"',
  KIND: 't."kind"',
  PERPETRATOR: 'p."organizationId"',
};

/** Counts and sums of one bounded column (float8: a sum of integers read as a number, exact to 2^53). */
const summed = (column: string) =>
  `count(t."${column}")::int AS "${column}Count", coalesce(sum(t."${column}"), 0)::float8 AS "${column}Sum"`;
/** The same, added up from the rollup's counts and sums. */
const resummed = (column: string) =>
  `sum(t."${column}Count")::int AS "${column}Count", sum(t."${column}Sum")::float8 AS "${column}Sum"`;
const BOUNDS = ['killedMin', 'killedMax', 'injuredMin', 'injuredMax'];
/** The parts a statement may name (written into its text, so only these). */
const ROLES = new Set<string>(['ACTED', 'ACTED_ON', 'SIDE', 'PARTY']);

/**
 * One statement whatever the grouping: PostgreSQL counts and sums, and the perpetrators' buckets are
 * a join (each incident names an organization at most once), not their rows folded here: at scale M
 * that fold read 600,000 rows in 18 statements and took 7 s. By year, country or kind, for a filter of
 * whole years, countries and kinds, the statement reads the rollup's few rows instead (incident-rollup.ts).
 * With more buckets than `first`, those with the most incidents (ties by key); in key order, as always.
 */
export async function incidentStats(ctx: Context, filter: IncidentFilter | null | undefined, group: StatsGroup, first = DEFAULT_STATS_BUCKETS): Promise<StatsBucket[]> {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_STATS_BUCKETS) {
    throw badUserInput(`"first" must be between 1 and ${MAX_STATS_BUCKETS}; got ${first}.`, 'first');
  }
  const params: unknown[] = [];
  let statement: string;
  if (group !== 'PERPETRATOR' && rollupAnswers(filter)) {
    statement = `SELECT ${KEYS[group]}::text AS key, sum(t."incidents")::int AS count, ${BOUNDS.map(resummed).join(', ')}
     FROM "IncidentRollup" t WHERE ${rollupWhere(filter, params)} GROUP BY ${KEYS[group]} ORDER BY count DESC, key LIMIT ${first}`;
  } else {
    const where = whereSql(IncidentTable, 't', incidentWhere(filter), params);
    // By organization in the filter's parts (those that acted, by default): what each did, or had done to it.
    const roles = [...new Set(filter?.role ?? ['ACTED'])].filter((r) => ROLES.has(r));
    const from = group === 'PERPETRATOR'
      ? `"IncidentPerpetrator" p JOIN "Incident" t ON t.id = p."incidentId" AND p.role IN (${roles.map((r) => `'${r}'`).join(', ')})`
      : '"Incident" t';
    statement = `SELECT ${KEYS[group]}::text AS key, count(*)::int AS count, ${BOUNDS.map(summed).join(', ')}
     FROM ${from} WHERE ${where} GROUP BY ${KEYS[group]} ORDER BY count DESC, key LIMIT ${first}`;
  }
  const rows = await ctx.sql.query<Partial>(statement, params, { prepare: true });
  return rows
    .map((p) => toBucket(group, p))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
}
