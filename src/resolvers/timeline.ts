// One dated list of what happened to an organization, merged from the facts held about it.
import type { Context } from '../context.js';
import type { Designation, Incident } from '../generated/prisma/client.js';
import type { OrganizationRow, PersonRow } from './lean-rows.js';
import { readDateColumns, type PartialDate } from '../values/partial-date.js';
import { badUserInput } from '../errors.js';
import { dateArgument, dateMeets } from './filters.js';
import { loadAll } from './loaders.js';

export type TimelineEventKind =
  | 'FOUNDED'
  | 'DISSOLVED'
  | 'COMPONENT_JOINED'
  | 'JOINED'
  | 'RELATION_STARTED'
  | 'RELATION_ENDED'
  | 'DESIGNATED'
  | 'DELISTED'
  | 'LEADERSHIP_STARTED'
  | 'LEADERSHIP_ENDED'
  | 'INCIDENT';

export interface TimelineEvent {
  kind: TimelineEventKind;
  date: PartialDate | null;
  description: string;
  organization?: OrganizationRow | null;
  person?: PersonRow | null;
  incident?: Incident | null;
  designation?: Designation | null;
}

const describeRelation: Record<string, string> = {
  COMPONENT_OF: 'became a component of',
  ALLEGIANCE_TO: 'pledged allegiance to',
  BRANCH_OF: 'became a branch of',
  SUCCESSOR_OF: 'succeeded',
  AFFILIATE_OF: 'became an affiliate of',
  MENTORED_BY: 'came under the mentoring of',
  RIVAL_OF: 'became a rival of',
  COOPERATES_WITH: 'began cooperating with',
  LINKED_TO: 'was linked to',
};

// On the same date, the founding reads before what followed from it.
const sameDayOrder: Record<TimelineEventKind, number> = {
  FOUNDED: 0, COMPONENT_JOINED: 1, JOINED: 1, LEADERSHIP_STARTED: 2, RELATION_STARTED: 3, DESIGNATED: 4,
  INCIDENT: 5, RELATION_ENDED: 6, LEADERSHIP_ENDED: 6, DELISTED: 7, DISSOLVED: 8,
};

/** The day an event sorts by: its earliest, or for a date open at the start its latest (as incidents sort). */
const sortDay = (date: PartialDate) => (date.earliest ?? date.latest)!.getTime();
const lastDay = (date: PartialDate) => date.latest?.getTime() ?? Number.POSITIVE_INFINITY;

/** Code-point order, as PostgreSQL's "C" collation sorts (the incidents a window fetches). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Chronological; events with unknown dates come last, in a stable order. */
function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  const tie = () => byCodePoint(a.description, b.description) || byCodePoint(a.incident?.id ?? '', b.incident?.id ?? '');
  if (a.date && b.date) return sortDay(a.date) - sortDay(b.date) || lastDay(a.date) - lastDay(b.date) || sameDayOrder[a.kind] - sameDayOrder[b.kind] || tie();
  if (a.date) return -1;
  if (b.date) return 1;
  return tie();
}

/** Most events a timeline returns at once; the default when neither `first` nor `last` is given. */
export const TIMELINE_MAX = 500;
export const TIMELINE_DEFAULT = 100;

export interface TimelineOptions {
  includeUndated: boolean;
  from?: string | null;
  to?: string | null;
  kinds?: TimelineEventKind[] | null;
  first?: number | null;
  last?: number | null;
}

function windowSize(options: TimelineOptions): { limit: number; fromEnd: boolean } {
  const { first, last } = options;
  if (first != null && last != null) throw badUserInput('Give "first" or "last", not both.', 'last');
  const fromEnd = last != null;
  const limit = first ?? last ?? TIMELINE_DEFAULT;
  const argument = fromEnd ? 'last' : 'first';
  if (!Number.isInteger(limit) || limit < 0 || limit > TIMELINE_MAX) {
    throw badUserInput(`"${argument}" must be between 0 and ${TIMELINE_MAX}.`, argument);
  }
  return { limit, fromEnd };
}

/**
 * The organization's history as one chronological list, bounded: the first (or last) events of the
 * period asked for. Incidents, which can number thousands, are fetched in SQL already ordered and cut
 * to the window (the events of the window can hold no more incidents than its size).
 */
export async function organizationTimeline(org: OrganizationRow, ctx: Context, options: TimelineOptions): Promise<TimelineEvent[]> {
  const { loaders } = ctx;
  const from = dateArgument(options.from, 'from');
  const to = dateArgument(options.to, 'to');
  if (from && to && from.earliest > to.latest) throw badUserInput('"from" is after "to".', 'from');
  const { limit, fromEnd } = windowSize(options);
  const wanted = (kind: TimelineEventKind) => !options.kinds || options.kinds.includes(kind);
  // An undated event can be in no period.
  const undated = options.includeUndated && !from && !to;
  const [outgoing, incoming, designations, memberships, incidents] = await Promise.all([
    loaders.outgoingRelationsLoader.load(org.id),
    loaders.incomingRelationsLoader.load(org.id),
    loaders.designationsByOrganizationLoader.load(org.id),
    loaders.membershipsByOrganizationLoader.load(org.id),
    wanted('INCIDENT') && limit > 0 ? loaders.timelineIncidentsLoader({ from, to, limit, fromEnd, undated }).load(org.id) : [],
  ]);
  const leadership = memberships.filter((m) => m.role === 'LEADER');
  const [others, targets, people] = await Promise.all([
    loadAll(loaders.organizationLoader, incoming.map((r) => r.fromId)),
    loadAll(loaders.organizationLoader, outgoing.map((r) => r.toId)),
    loadAll(loaders.personLoader, leadership.map((m) => m.personId)),
  ]);

  const events: TimelineEvent[] = [];
  const founded = readDateColumns(org, 'founded');
  events.push(...(founded ? [{ kind: 'FOUNDED' as const, date: founded, description: `${org.name} founded` }] : []));
  const dissolved = readDateColumns(org, 'dissolved');
  if (dissolved) events.push({ kind: 'DISSOLVED', date: dissolved, description: `${org.name} dissolved` });

  incoming.forEach((r, i) => {
    const other = others[i];
    if (r.type !== 'COMPONENT_OF' || !other) return;
    events.push({ kind: 'COMPONENT_JOINED', date: readDateColumns(r, 'start'), description: `${other.name} became a component of ${org.name}`, organization: other });
  });
  outgoing.forEach((r, i) => {
    const target = targets[i];
    if (!target) return;
    const start = readDateColumns(r, 'start');
    const kind = r.type === 'COMPONENT_OF' ? 'JOINED' : 'RELATION_STARTED';
    events.push({ kind, date: start, description: `${org.name} ${describeRelation[r.type]} ${target.name}`, organization: target });
    const end = readDateColumns(r, 'end');
    if (end) events.push({ kind: 'RELATION_ENDED', date: end, description: `${org.name}: ${r.type.toLowerCase().replaceAll('_', ' ')} ${target.name} ended`, organization: target });
  });
  for (const d of designations) {
    const label = d.reference ? `${d.program} (${d.reference})` : d.program;
    events.push({ kind: 'DESIGNATED', date: readDateColumns(d, 'listed'), description: `Designated: ${label}`, designation: d });
    const delisted = readDateColumns(d, 'delisted');
    if (delisted) events.push({ kind: 'DELISTED', date: delisted, description: `Delisted: ${label}`, designation: d });
  }
  leadership.forEach((m, i) => {
    const person = people[i];
    if (!person) return;
    events.push({ kind: 'LEADERSHIP_STARTED', date: readDateColumns(m, 'start'), description: `${person.name} became leader of ${org.name}`, person });
    const end = readDateColumns(m, 'end');
    if (end) events.push({ kind: 'LEADERSHIP_ENDED', date: end, description: `${person.name}'s leadership of ${org.name} ended`, person });
  });
  for (const incident of incidents) {
    events.push({ kind: 'INCIDENT', date: readDateColumns(incident, 'date'), description: incident.title, incident });
  }
  const shown = events
    .filter((e) => wanted(e.kind) && (e.date ? dateMeets(e.date, from, to) : undated))
    .sort(compareEvents);
  return fromEnd ? shown.slice(Math.max(0, shown.length - limit)) : shown.slice(0, limit);
}
