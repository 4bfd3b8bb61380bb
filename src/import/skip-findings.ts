// `--on-error=skip` for what the provenance linter refuses: the records of the plan that a finding
// concerns (an incident, an entity) are found while the failed write is still open, and the plan is
// written again without them. A finding no record of the plan accounts for (one on a record held before)
// cannot be skipped: the file is then refused whole, as under --on-error=fail.
import type { Prisma } from '../generated/prisma/client.js';
import { formatFinding, ProvenanceError, type Finding } from '../provenance/lint.js';
import type { ImportPlan } from './plan.js';

/** What a finding concerns: the incident of the plan (by slug) or the entity (by key). */
export type PlanItem = { incident: string } | { entity: string };

/** Thrown from inside the failed write: the findings, and the plan's records they concern. */
export class SkippableFindings extends ProvenanceError {
  constructor(findings: Finding[], readonly items: Map<string, { item: PlanItem; findings: Finding[] }>) {
    super(findings);
  }
}

type Tx = Prisma.TransactionClient;

/** The subject columns of a citation, and the other owner columns of fact records. */
type Owner = 'organizationId' | 'personId' | 'incidentId' | 'perpetratorId' | 'aliasId' | 'designationId' | 'estimateId' | 'externalIdentifierId' | 'mentionId' | 'attributeId' | 'relationId';

/**
 * The plan item each finding concerns, read in the open transaction: an incident through its slug, a
 * record of an entity (alias, identifier, designation, attribute, mention, estimate) through its owner, a
 * citation through its subject. Null when some finding concerns nothing the plan wrote.
 */
export async function itemsOfFindings(
  tx: Tx, findings: Finding[], entityKeys: Map<string, string>, written: { incidents: Set<string>; entities: Set<string> },
): Promise<Map<string, { item: PlanItem; findings: Finding[] }> | null> {
  const items = new Map<string, { item: PlanItem; findings: Finding[] }>();
  const model = (f: Finding) => f.record.slice(0, f.record.indexOf('['));
  const incidentItem = async (id: string): Promise<PlanItem | null> => {
    const incident = await tx.incident.findUnique({ where: { id }, select: { slug: true } });
    return incident && written.incidents.has(incident.slug) ? { incident: incident.slug } : null;
  };
  const entityItem = (id: string | null | undefined): PlanItem | null => {
    const key = id ? entityKeys.get(id) : undefined;
    return key !== undefined && written.entities.has(key) ? { entity: key } : null;
  };
  /** The plan item owning a row that has some of the owner columns. */
  const ownerItem = async (row: Partial<Record<Owner, string | null>>): Promise<PlanItem | null> => {
    if (row.incidentId) return incidentItem(row.incidentId);
    if (row.perpetratorId) {
      const p = await tx.incidentPerpetrator.findUnique({ where: { id: row.perpetratorId } });
      return p ? incidentItem(p.incidentId) : null;
    }
    if (row.estimateId) {
      const e = await tx.estimate.findUnique({ where: { id: row.estimateId } });
      return e ? ownerItem(e) : null;
    }
    if (row.organizationId || row.personId) return entityItem(row.organizationId ?? row.personId);
    for (const [column, table] of [['aliasId', 'alias'], ['designationId', 'designation'], ['externalIdentifierId', 'externalIdentifier'], ['attributeId', 'attribute']] as const) {
      const id = row[column];
      if (!id) continue;
      const owner = await (tx[table] as unknown as { findUnique: (a: object) => Promise<{ organizationId: string | null; personId: string | null } | null> })
        .findUnique({ where: { id } });
      return owner ? entityItem(owner.organizationId ?? owner.personId) : null;
    }
    if (row.mentionId) {
      const m = await tx.mention.findUnique({ where: { id: row.mentionId } });
      return m ? entityItem(m.fromOrganizationId ?? m.fromPersonId) : null;
    }
    if (row.relationId) {
      const r = await tx.organizationRelation.findUnique({ where: { id: row.relationId } });
      return r ? entityItem(r.fromId) : null;
    }
    return null;
  };
  for (const finding of findings) {
    let item: PlanItem | null;
    switch (model(finding)) {
      case 'Incident': item = await incidentItem(finding.id); break;
      case 'IncidentPerpetrator': item = await ownerItem({ perpetratorId: finding.id }); break;
      case 'Estimate': item = await ownerItem({ estimateId: finding.id }); break;
      case 'Organization': case 'Person': item = entityItem(finding.id); break;
      case 'Alias': item = await ownerItem({ aliasId: finding.id }); break;
      case 'Designation': item = await ownerItem({ designationId: finding.id }); break;
      case 'ExternalIdentifier': item = await ownerItem({ externalIdentifierId: finding.id }); break;
      case 'Attribute': item = await ownerItem({ attributeId: finding.id }); break;
      case 'Mention': item = await ownerItem({ mentionId: finding.id }); break;
      case 'OrganizationRelation': item = await ownerItem({ relationId: finding.id }); break;
      case 'Citation': {
        const c = await tx.citation.findUnique({ where: { id: finding.id } });
        item = c ? await ownerItem(c) : null;
        break;
      }
      default: item = null;
    }
    if (!item) return null;
    const key = 'incident' in item ? `incident ${item.incident}` : `entity ${item.entity}`;
    const entry = items.get(key) ?? { item, findings: [] };
    entry.findings.push(finding);
    items.set(key, entry);
  }
  return items;
}

/** The plan without the skipped incidents and entities, and without the links and ties to those entities. */
export function planWithout(plan: ImportPlan, items: PlanItem[]): ImportPlan {
  const incidents = new Set(items.flatMap((i) => ('incident' in i ? [i.incident] : [])));
  const entities = new Set(items.flatMap((i) => ('entity' in i ? [i.entity] : [])));
  return {
    ...plan,
    entities: plan.entities.filter((e) => !entities.has(e.key)),
    incidents: plan.incidents
      ?.filter((i) => !incidents.has(i.slug))
      .map((i) => ({ ...i, perpetrators: i.perpetrators.filter((p) => !entities.has(p.entity)) })),
    relations: plan.relations?.filter((r) => !entities.has(r.from) && !entities.has(r.to)),
  };
}

/** The lines a summary lists for the skipped records: what, and why. */
export function skippedLines(path: string, plan: ImportPlan, items: Map<string, { item: PlanItem; findings: Finding[] }>): string[] {
  return [...items.values()].map(({ item, findings }) => {
    const line = 'incident' in item ? plan.incidents?.find((i) => i.slug === item.incident)?.line : plan.entities.find((e) => e.key === item.entity)?.line;
    const what = 'incident' in item ? `incident ${item.incident}` : `entry ${item.entity}`;
    return `${path}:${line ?? '?'}: ${what} skipped: ${findings.map(formatFinding).join('; ')}`;
  });
}
