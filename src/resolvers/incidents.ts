import type { Prisma } from '../generated/prisma/client.js';
import type { Attribution, IncidentKind, IncidentRole, TargetKind } from '../generated/prisma/enums.js';
import { badUserInput } from '../errors.js';
import { dateArgument, dateMeetsWhere } from './filters.js';
import type { SortKey } from './pagination.js';

export interface IncidentFilter {
  from?: string | null;
  to?: string | null;
  includeOpenDates?: boolean | null;
  country?: string | null;
  perpetrator?: string | null;
  attribution?: Attribution[] | null;
  party?: string | null;
  role?: IncidentRole[] | null;
  kind?: IncidentKind[] | null;
  target?: TargetKind[] | null;
  minKilled?: number | null;
  source?: string | null;
}

/**
 * The Prisma condition for an incident filter. Dates match by overlap: an incident dated "2018"
 * matches `from: "2018-06"`, since it may have happened then; undated incidents never match a period,
 * and dates open on one side only when the period holds all of them (see dateMeets).
 */
export function incidentWhere(filter: IncidentFilter | null | undefined): Prisma.IncidentWhereInput {
  if (!filter) return {};
  const and: Prisma.IncidentWhereInput[] = [];
  const from = dateArgument(filter.from, 'filter.from');
  const to = dateArgument(filter.to, 'filter.to');
  if (from && to && from.earliest > to.latest) throw badUserInput('"filter.from" is after "filter.to".', 'filter.from');
  and.push(...(dateMeetsWhere('date', from, to, filter.includeOpenDates ?? false, true) as Prisma.IncidentWhereInput[]));
  if (filter.country) and.push({ countryCode: filter.country.toUpperCase() });
  if (filter.perpetrator || filter.attribution) {
    and.push({
      perpetrators: {
        some: {
          role: { in: ['ACTED'] },
          ...(filter.perpetrator ? { organization: { slug: filter.perpetrator } } : {}),
          ...(filter.attribution ? { attribution: { in: filter.attribution } } : {}),
        },
      },
    });
  }
  if (filter.party || filter.role) {
    and.push({
      perpetrators: {
        some: {
          ...(filter.party ? { organization: { slug: filter.party } } : {}),
          ...(filter.role ? { role: { in: filter.role } } : {}),
        },
      },
    });
  }
  if (filter.kind) and.push({ kind: { in: filter.kind } });
  if (filter.source) and.push({ citations: { some: { source: { slug: filter.source } } } });
  if (filter.target) and.push({ targets: { hasSome: filter.target } });
  if (filter.minKilled !== null && filter.minKilled !== undefined) {
    if (filter.minKilled < 0) throw badUserInput('"filter.minKilled" must not be negative.', 'filter.minKilled');
    // The lower bound counts: "at least six" killed meets minKilled 5 and 6, not 7.
    and.push({ killedMin: { gte: filter.minKilled } });
  }
  return { AND: and };
}

export type IncidentOrder = 'DATE_DESC' | 'DATE_ASC' | 'KILLED_DESC';

// `dateSort` is the earliest day, or the latest for a date open at the start ("on or before"), so
// such an incident sorts by the day it is known by instead of falling among the undated.
export const incidentOrders: Record<IncidentOrder, SortKey[]> = {
  DATE_DESC: [
    { field: 'dateSort', direction: 'desc', nullable: true, kind: 'date' },
    { field: 'dateLatest', direction: 'desc', nullable: true, kind: 'date' },
  ],
  DATE_ASC: [
    { field: 'dateSort', direction: 'asc', nullable: true, kind: 'date' },
    { field: 'dateLatest', direction: 'asc', nullable: true, kind: 'date' },
  ],
  KILLED_DESC: [
    { field: 'killedMin', direction: 'desc', nullable: true, kind: 'int' },
    { field: 'dateSort', direction: 'desc', nullable: true, kind: 'date' },
  ],
};
