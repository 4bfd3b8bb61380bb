import type { Prisma } from '../generated/prisma/client.js';
import type { Attribution, IncidentKind, TargetKind } from '../generated/prisma/enums.js';
import { badUserInput } from '../errors.js';
import { dateArgument } from './filters.js';
import type { SortKey } from './pagination.js';

export interface IncidentFilter {
  from?: string | null;
  to?: string | null;
  country?: string | null;
  perpetrator?: string | null;
  attribution?: Attribution[] | null;
  kind?: IncidentKind[] | null;
  target?: TargetKind[] | null;
  minKilled?: number | null;
}

/**
 * The Prisma condition for an incident filter. Dates match by overlap: an incident dated "2018"
 * matches `from: "2018-06"`, since it may have happened then; undated incidents never match a period.
 */
export function incidentWhere(filter: IncidentFilter | null | undefined): Prisma.IncidentWhereInput {
  if (!filter) return {};
  const and: Prisma.IncidentWhereInput[] = [];
  const from = dateArgument(filter.from, 'filter.from');
  const to = dateArgument(filter.to, 'filter.to');
  if (from && to && from.earliest > to.latest) throw badUserInput('"filter.from" is after "filter.to".', 'filter.from');
  if (from) and.push({ dateLatest: { gte: from.earliest } });
  if (to) and.push({ dateEarliest: { lte: to.latest } });
  if (filter.country) and.push({ countryCode: filter.country.toUpperCase() });
  if (filter.perpetrator || filter.attribution) {
    and.push({
      perpetrators: {
        some: {
          ...(filter.perpetrator ? { organization: { slug: filter.perpetrator } } : {}),
          ...(filter.attribution ? { attribution: { in: filter.attribution } } : {}),
        },
      },
    });
  }
  if (filter.kind) and.push({ kind: { in: filter.kind } });
  if (filter.target) and.push({ targets: { hasSome: filter.target } });
  if (filter.minKilled !== null && filter.minKilled !== undefined) {
    if (filter.minKilled < 0) throw badUserInput('"filter.minKilled" must not be negative.', 'filter.minKilled');
    // The lower bound counts: "at least six" killed meets minKilled 5 and 6, not 7.
    and.push({ killedMin: { gte: filter.minKilled } });
  }
  return { AND: and };
}

export type IncidentOrder = 'DATE_DESC' | 'DATE_ASC' | 'KILLED_DESC';

export const incidentOrders: Record<IncidentOrder, SortKey[]> = {
  DATE_DESC: [
    { field: 'dateEarliest', direction: 'desc', nullable: true, kind: 'date' },
    { field: 'dateLatest', direction: 'desc', nullable: true, kind: 'date' },
  ],
  DATE_ASC: [
    { field: 'dateEarliest', direction: 'asc', nullable: true, kind: 'date' },
    { field: 'dateLatest', direction: 'asc', nullable: true, kind: 'date' },
  ],
  KILLED_DESC: [
    { field: 'killedMin', direction: 'desc', nullable: true },
    { field: 'dateEarliest', direction: 'desc', nullable: true, kind: 'date' },
  ],
};
