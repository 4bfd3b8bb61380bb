// One dated list of what happened to an organization, merged from the facts held about it.
import type { Context } from '../context.js';
import type { Designation, Incident, Organization, Person } from '../generated/prisma/client.js';
import { readDateColumns, type PartialDate } from '../partial-date.js';
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
  organization?: Organization | null;
  person?: Person | null;
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

/** Chronological; events with unknown dates come last, in a stable order. */
function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.date && b.date) {
    return (
      sortDay(a.date) - sortDay(b.date) ||
      lastDay(a.date) - lastDay(b.date) ||
      sameDayOrder[a.kind] - sameDayOrder[b.kind] ||
      a.description.localeCompare(b.description)
    );
  }
  if (a.date) return -1;
  if (b.date) return 1;
  return a.description.localeCompare(b.description);
}

export async function organizationTimeline(org: Organization, ctx: Context, includeUndated: boolean): Promise<TimelineEvent[]> {
  const { loaders } = ctx;
  const [outgoing, incoming, designations, memberships, perpetrations] = await Promise.all([
    loaders.outgoingRelationsLoader.load(org.id),
    loaders.incomingRelationsLoader.load(org.id),
    loaders.designationsByOrganizationLoader.load(org.id),
    loaders.membershipsByOrganizationLoader.load(org.id),
    loaders.perpetrationsByOrganizationLoader.load(org.id),
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
  for (const p of perpetrations) {
    events.push({ kind: 'INCIDENT', date: readDateColumns(p.incident, 'date'), description: p.incident.title, incident: p.incident });
  }
  return events.filter((e) => includeUndated || e.date !== null).sort(compareEvents);
}
