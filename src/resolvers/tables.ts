// The tables the root lists filter through, for src/resolvers/sql-where.ts: which relation field of a
// Prisma filter leads to which table, by which column.
import type { TableSpec } from './sql-where.js';

const spec = (table: string, enums?: Record<string, string>): TableSpec => ({ table, relations: {}, ...(enums ? { enums } : {}) });

export const Organization = spec('Organization', { kind: 'OrganizationKind', status: 'OrganizationStatus' });
export const Person = spec('Person', { status: 'PersonStatus' });
// The date qualifier too: the period filters test it on every row they count. Compared as the enum it is,
// not as text, the count of a period (16,000 incidents at scale S) took 5.5 ms instead of 8.1-10.2.
export const Incident = spec('Incident', { kind: 'IncidentKind', dateQualifier: 'DateQualifier' });
/** Its date, country and kind columns are the incident's, as the period filters compare them. */
export const IncidentRollup = spec('IncidentRollup', { kind: 'IncidentKind', dateQualifier: 'DateQualifier' });
const Source = spec('Source');
const SearchName = spec('SearchName');
const Citation = spec('Citation');
const IncidentPerpetrator = spec('IncidentPerpetrator', { role: 'IncidentRole' });
const OrganizationArea = spec('OrganizationArea');
const OrganizationRelation = spec('OrganizationRelation');
const Designation = spec('Designation');
const Membership = spec('Membership');
const Attribute = spec('Attribute');

Object.assign(Citation.relations, { source: { kind: 'single', column: 'sourceId', target: Source } });
Object.assign(IncidentPerpetrator.relations, { organization: { kind: 'single', column: 'organizationId', target: Organization } });
Object.assign(OrganizationRelation.relations, {
  to: { kind: 'single', column: 'toId', target: Organization },
  from: { kind: 'single', column: 'fromId', target: Organization },
});
Object.assign(Membership.relations, { organization: { kind: 'single', column: 'organizationId', target: Organization } });
Object.assign(Incident.relations, {
  perpetrators: { kind: 'list', column: 'incidentId', target: IncidentPerpetrator },
  citations: { kind: 'list', column: 'incidentId', target: Citation },
});
Object.assign(Organization.relations, {
  areas: { kind: 'list', column: 'organizationId', target: OrganizationArea },
  designations: { kind: 'list', column: 'organizationId', target: Designation },
  relationsFrom: { kind: 'list', column: 'fromId', target: OrganizationRelation },
  searchNames: { kind: 'list', column: 'organizationId', target: SearchName },
});
Object.assign(Person.relations, {
  attributes: { kind: 'list', column: 'personId', target: Attribute },
  memberships: { kind: 'list', column: 'personId', target: Membership },
  designations: { kind: 'list', column: 'personId', target: Designation },
  searchNames: { kind: 'list', column: 'personId', target: SearchName },
});
