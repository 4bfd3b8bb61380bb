// Incident aggregates for dashboards. Counts and sums are computed by PostgreSQL (GROUP BY);
// only the per-perpetrator view folds rows here, because a sum over a join table needs the incidents.
import type { Context } from '../context.js';
import type { CountRange } from '../schema/dates.js';
import { incidentWhere, type IncidentFilter } from './incidents.js';

export type StatsGroup = 'YEAR' | 'COUNTRY' | 'KIND' | 'PERPETRATOR';

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

function emptyPartial(key: string | null): Partial {
  return {
    key, count: 0, killedMinSum: 0, killedMaxSum: 0, killedMinCount: 0, killedMaxCount: 0,
    injuredMinSum: 0, injuredMaxSum: 0, injuredMinCount: 0, injuredMaxCount: 0,
  };
}

function merge(into: Partial, p: Omit<Partial, 'key'>) {
  for (const k of Object.keys(p) as (keyof Omit<Partial, 'key'>)[]) into[k] += p[k];
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

const sums = { killedMin: true, killedMax: true, injuredMin: true, injuredMax: true } as const;

export async function incidentStats(ctx: Context, filter: IncidentFilter | null | undefined, group: StatsGroup): Promise<StatsBucket[]> {
  const where = incidentWhere(filter);
  const buckets = new Map<string | null, Partial>();
  const add = (key: string | null, p: Omit<Partial, 'key'>) => {
    const bucket = buckets.get(key) ?? emptyPartial(key);
    merge(bucket, p);
    buckets.set(key, bucket);
  };

  if (group === 'PERPETRATOR') {
    const rows = await ctx.db.incidentPerpetrator.findMany({
      where: { incident: where },
      select: { organizationId: true, incident: { select: { killedMin: true, killedMax: true, injuredMin: true, injuredMax: true } } },
    });
    for (const { organizationId, incident: i } of rows) {
      add(organizationId, {
        count: 1,
        killedMinSum: i.killedMin ?? 0, killedMaxSum: i.killedMax ?? 0,
        killedMinCount: i.killedMin === null ? 0 : 1, killedMaxCount: i.killedMax === null ? 0 : 1,
        injuredMinSum: i.injuredMin ?? 0, injuredMaxSum: i.injuredMax ?? 0,
        injuredMinCount: i.injuredMin === null ? 0 : 1, injuredMaxCount: i.injuredMax === null ? 0 : 1,
      });
    }
  } else {
    const by = group === 'COUNTRY' ? 'countryCode' : group === 'KIND' ? 'kind' : 'dateYear';
    const rows = await ctx.db.incident.groupBy({ by: [by], where, _count: { _all: true, ...sums }, _sum: sums });
    for (const row of rows) {
      const value = row[by as keyof typeof row] as number | string | null;
      const key = value === null ? null : String(value);
      add(key, {
        count: row._count._all,
        killedMinSum: row._sum.killedMin ?? 0, killedMaxSum: row._sum.killedMax ?? 0,
        killedMinCount: row._count.killedMin, killedMaxCount: row._count.killedMax,
        injuredMinSum: row._sum.injuredMin ?? 0, injuredMaxSum: row._sum.injuredMax ?? 0,
        injuredMinCount: row._count.injuredMin, injuredMaxCount: row._count.injuredMax,
      });
    }
  }
  return [...buckets.values()]
    .map((p) => toBucket(group, p))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
}
