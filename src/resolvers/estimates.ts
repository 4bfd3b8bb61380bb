import { badUserInput } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { EstimateKind } from '../generated/prisma/enums.js';
import { dateArgument } from './filters.js';

export interface EstimateFilter {
  kind?: EstimateKind[] | null;
  country?: string | null;
  subject?: string | null;
  from?: string | null;
  to?: string | null;
}

/**
 * The Prisma condition for an estimate filter. A figure's period runs from `periodStart` (or `asOf`
 * without one) to `asOf` (or `periodStart` without one: "since July 2019" is placed at its start);
 * it matches `from`/`to` when it overlaps them.
 */
export function estimateWhere(filter: EstimateFilter | null | undefined): Prisma.EstimateWhereInput {
  if (!filter) return {};
  const and: Prisma.EstimateWhereInput[] = [];
  if (filter.kind) and.push({ kind: { in: filter.kind } });
  if (filter.country) and.push({ countryCode: filter.country.toUpperCase() });
  if (filter.subject) {
    and.push({ OR: [{ organization: { slug: filter.subject } }, { fundingStream: { organization: { slug: filter.subject } } }] });
  }
  const from = dateArgument(filter.from, 'filter.from');
  const to = dateArgument(filter.to, 'filter.to');
  if (from && to && from.earliest > to.latest) throw badUserInput('"filter.from" is after "filter.to".', 'filter.from');
  if (from) and.push({ OR: [{ asOfLatest: { gte: from.earliest } }, { asOfLatest: null, periodStartLatest: { gte: from.earliest } }] });
  if (to) and.push({ OR: [{ periodStartEarliest: { lte: to.latest } }, { periodStartEarliest: null, asOfEarliest: { lte: to.latest } }] });
  return { AND: and };
}
