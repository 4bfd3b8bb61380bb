// Incident counts and casualty sums read from "IncidentRollup" (see its migration) instead of from every
// incident, for the filters it answers exactly: a period of whole years, countries and kinds. Its rows
// hold each incident's years as their January 1st, so the period filter (filters.ts) runs on it
// unchanged: for bounds on a January 1st and a December 31st, every comparison it makes gives the same
// answer on that day as on the incident's own. test/incident-rollup.test.ts holds both ways equal.
// Writers of incidents take turns on it: a trigger takes one lock until their transaction ends (see its migrations).
import type { ScriptRunner } from '../db/client.js';
import { dateArgument } from './filters.js';
import { incidentWhere, type IncidentFilter } from './incidents.js';
import { whereSql } from './sql-where.js';
import { IncidentRollup } from './tables.js';

/** The filter fields the rollup has columns for. */
const ROLLED_UP = new Set<keyof IncidentFilter>(['from', 'to', 'includeOpenDates', 'country', 'kind']);

const isYearStart = (day: Date) => day.getUTCMonth() === 0 && day.getUTCDate() === 1;
const isYearEnd = (day: Date) => day.getUTCMonth() === 11 && day.getUTCDate() === 31;

/** Whether the rollup counts exactly the incidents `filter` selects. */
export function rollupAnswers(filter: IncidentFilter | null | undefined): boolean {
  if (!filter) return true;
  for (const [field, value] of Object.entries(filter) as [keyof IncidentFilter, unknown][]) {
    if (value !== null && value !== undefined && !ROLLED_UP.has(field)) return false;
  }
  const from = dateArgument(filter.from, 'filter.from');
  const to = dateArgument(filter.to, 'filter.to');
  return (!from || isYearStart(from.earliest)) && (!to || isYearEnd(to.latest));
}

/** The rollup's condition for a filter it answers, its parameters appended to `params`. */
export function rollupWhere(filter: IncidentFilter | null | undefined, params: unknown[]): string {
  return whereSql(IncidentRollup, 't', incidentWhere(filter), params);
}

/** How many incidents a filter the rollup answers selects. */
export async function rollupCount(sql: ScriptRunner, filter: IncidentFilter | null | undefined): Promise<number> {
  const params: unknown[] = [];
  const rows = await sql.query<{ n: number }>(
    `SELECT coalesce(sum(t."incidents"), 0)::int AS n FROM "IncidentRollup" t WHERE ${rollupWhere(filter, params)}`,
    params,
  );
  return rows[0]!.n;
}
