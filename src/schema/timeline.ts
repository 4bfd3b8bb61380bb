import { builder } from './builder.js';
import { PartialDateRef } from './dates.js';
import { DesignationRef, IncidentRef, OrganizationRef, PersonRef, TimelineEventRef } from './refs.js';

export const TimelineEventKindEnum = builder.enumType('TimelineEventKind', {
  description: 'What a timeline entry records.',
  values: {
    FOUNDED: { description: 'The organization was founded or formed.' },
    DISSOLVED: { description: 'The organization was dissolved.' },
    COMPONENT_JOINED: { description: 'Another organization became one of its components (a merger).' },
    JOINED: { description: 'It became a component of another organization.' },
    RELATION_STARTED: { description: 'A tie to another organization began (allegiance, mentoring, ...).' },
    RELATION_ENDED: { description: 'A tie to another organization ended.' },
    DESIGNATED: { description: 'An authority listed it.' },
    DELISTED: { description: 'An authority removed it from a list.' },
    LEADERSHIP_STARTED: { description: 'A leader took over.' },
    LEADERSHIP_ENDED: { description: 'A leader’s tenure ended.' },
    INCIDENT: { description: 'An incident it claimed, is blamed for or suspected of.' },
  } as const,
});

TimelineEventRef.implement({
  description: 'One dated entry of an organization’s history, pointing at the record it comes from.',
  fields: (t) => ({
    kind: t.field({ type: TimelineEventKindEnum, description: 'What happened.', resolve: (e) => e.kind }),
    date: t.field({ type: PartialDateRef, nullable: true, description: 'When, as precisely as known; null when unknown.', resolve: (e) => e.date }),
    description: t.exposeString('description', { description: 'A one-line account.' }),
    organization: t.field({ type: OrganizationRef, nullable: true, description: 'The other organization involved.', resolve: (e) => e.organization ?? null }),
    person: t.field({ type: PersonRef, nullable: true, description: 'The person involved.', resolve: (e) => e.person ?? null }),
    incident: t.field({ type: IncidentRef, nullable: true, description: 'The incident.', resolve: (e) => e.incident ?? null }),
    designation: t.field({ type: DesignationRef, nullable: true, description: 'The designation.', resolve: (e) => e.designation ?? null }),
  }),
});
